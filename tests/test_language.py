"""The cheap language guess: scripts, function words, and a safe default."""

import pytest
from slant.text.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister said that the plan was not going to work for the country.", "en"),
        (
            "Der Minister sagte, dass der Plan für das Land nicht funktionieren wird und auch nicht soll.",
            "de",
        ),
        (
            "Le ministre a dit que le plan ne va pas fonctionner pour le pays et pour les gens.",
            "fr",
        ),
        ("El ministro dijo que el plan no va a funcionar para el país y para la gente.", "es"),
        ("Министр сказал, что план не сработает для страны.", "ru"),
        ("قال الوزير إن الخطة لن تنجح في البلاد", "ar"),
        ("השר אמר שהתוכנית לא תעבוד", "he"),
        ("大臣は計画がうまくいかないと言った。", "ja"),
        ("部长说这个计划对国家不起作用。", "zh"),
        ("ok", "en"),
        ("😀 123 !!!", "en"),
    ],
)
def test_detects_language(text, language):
    assert detect_language(text) == language

"""Finding attributions: a reporting cue, who it is attributed to, and what.

The rules read tagged words sentence by sentence. A cue is a reporting verb
("said", "pointed out", "stating"), a thinking verb followed by a clause ("found
that"), a stance adjective after a copula ("are skeptical"), a judging verb with a
"by" agent ("derided by the West"), an impersonal passive ("it is widely believed")
or an adverb ("reportedly"). The source is then looked for where English puts it:
the subject before the verb (across an appositive: "X, the former ..., said"), after
it in an inversion ('"...," said X'), after "according to" or in "in X's words". A
pronoun ("he added") is taken for the last named person cited before it. People who
are only mentioned never come with a cue, so they are never sources.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from slant_sources.lexicon import Lexicon
from slant_sources.quotes import Quotations, count_letters
from slant_sources.tokens import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BE = _words("is are was were be been being am 's remain remains remained seem seems seemed")
_AUX = _words(
    "has have had is was were are be been will would did does do 's not n't also "
    "could can may might should must shall"
)
_PREPOSITIONS = _words(
    "of in on at with from for to about into over under between among against despite "
    "during toward towards through without within upon like than by"
)
_INDEFINITE = _words(
    "a an one some many several few most other others another any two three four five dozens"
)
_GERUND_LINKS = _words("by , while when after before in")
_OPEN_MARKS = frozenset(["“", '"', "``", "''", "«", "‘", "„", "'"])
_CLOSE_MARKS = frozenset(["”", '"', "''", "»", "’", "“", "'"])
_NAME_TAGS = _words("NNP NNPS")
_NOUN_TAGS = _words("NN NNS NNP NNPS PRP")
_NP_TAGS = _words("NNP NNPS NN NNS JJ CD POS PRP$ VBN")
_DASHES = frozenset(["―", "—", "–"])
_TIME_PREPOSITIONS = _words("in on at during last this")
_POSTMODIFIERS = _words("in on at during last this of for from with to near inside within")
_CLOSENESS = _words("close closest familiar near loyal")
_FEEL = _words("feel feels felt feeling")
_OBJECT_PRONOUNS = _words(
    "me him her us them it himself herself itself themselves myself ourselves"
)
_HAVE = _words("has have had 've 'd")
_COORDINATORS = _words("and but yet while whereas")
# Quantifiers that stand alone for unnamed people: "many believe", "some fear".
_QUANTIFIERS = _words("many some most others several few")
# Words that pick an unnamed part of a group: "one of the doctors", "a group of activists".
_PARTITIVES = _words(
    "one some many most several few all none each both dozens hundreds thousands "
    "group number handful majority minority coalition team"
)
_MODALS = _words("can could may might will would shall should must 'll ca wo")
# Verbs that name what something is called: their object is part of the content
# ("called the plan “a sandcastle”"), as PolNeAR marks it.
_NAMING = _words(
    "call calls called calling dub dubs dubbed dubbing label labels labeled labelled "
    "labeling labelling brand brands branded branding describe describes described describing"
)


@dataclass
class Attribution:
    """One attribution, with document offsets.

    ``source`` is the span the annotation covers: the name or mention, or the cue
    itself where no one is mentioned ("reportedly").
    """

    source: tuple[int, int]
    name: str | None
    role: str | None
    cue: tuple[int, int]
    content: tuple[int, int] | None
    vague: bool
    form: str
    kind: str = "indirect"
    mention: str = ""


@dataclass
class _Mention:
    """A noun phrase that may be a source: token range, its name/role split and class."""

    first: int
    last: int
    name: str | None
    role: str | None
    form: str  # name, pronoun, description, vague


class SentenceReader:
    """Reads one tagged sentence and yields its attributions."""

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        lexicon: Lexicon,
        quotations: Quotations,
        sentence: tuple[int, int],
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.lex = lexicon
        self.quotations = quotations
        self.regions = quotations.regions
        self.sentence = sentence
        self.quoted = self._mark_quoted()

    def _mark_quoted(self) -> list[bool]:
        """For each token, whether it lies inside a quotation (one pass over both lists)."""
        marks, regions = [], self.regions
        first = bisect_right(regions, (self.sentence[0], len(self.text) + 1)) - 1
        r = max(0, first)
        for token in self.tokens:
            while r < len(regions) and regions[r][1] <= token.start:
                r += 1
            marks.append(r < len(regions) and regions[r][0] <= token.start)
        return marks

    # ----------------------------------------------------------------- noun phrases
    def _span_text(self, first: int, last: int) -> str:
        """The words of a token range, line breaks of hard-wrapped text made spaces."""
        return " ".join(self.text[self.tokens[first].start : self.tokens[last].end].split())

    def _np_start(self, last: int) -> int:
        """The first token of the noun phrase that ends at ``last``."""
        tokens = self.tokens
        first = last
        while first > 0:
            prev = tokens[first - 1]
            if not prev.text[:1].isalnum():
                break
            if prev.tag in _NP_TAGS or prev.lower in self.lex.honorifics:
                first -= 1
            elif prev.text[:1].isupper() and prev.tag not in {"PRP", "IN", "DT", ",", "."}:
                first -= 1  # a name part the tagger missed ("Jong-un" as JJ)
            elif (
                prev.lower in {"of", "and", "&", "for"}
                and first >= 2
                and tokens[first].tag in _NAME_TAGS
                and tokens[first - 2].tag in _NAME_TAGS
            ):
                first -= 1  # "Bank of England", "Department of State"
            elif prev.tag == "DT" or prev.lower in _INDEFINITE:
                first -= 1
                break
            else:
                break
        return first

    def mention_ending_at(self, last: int) -> _Mention | None:
        """A source-like noun phrase ending at token ``last``, or None."""
        if last < 0 or last >= len(self.tokens):
            return None
        tokens, lex = self.tokens, self.lex
        head = tokens[last]
        if head.lower in lex.pronouns:
            return _Mention(last, last, None, None, "pronoun")
        if head.lower in _QUANTIFIERS:  # "but many believe", "some fear": no one named
            return _Mention(last, last, None, None, "vague")
        if head.tag not in {"NNP", "NNPS", "NN", "NNS"} and not head.text[:1].isupper():
            return None
        if head.tag in {"PRP", "DT", "IN"}:
            return None
        first = self._np_start(last)
        partitive = self._partitive_before(first, head)
        if partitive >= 0:  # "some of the doctors", "a group of activists": no one named
            return _Mention(partitive, last, None, None, "vague")
        return self._classify(first, last)

    def _partitive_before(self, first: int, head: Token) -> int:
        """Where "one of", "many of", "a group of" begins before a plural, or -1."""
        tokens = self.tokens
        of = first - 1
        if head.tag not in {"NNS", "NNPS"} or of < 1 or tokens[of].lower != "of":
            return -1
        word = of - 1
        if tokens[word].lower not in _PARTITIVES:
            return -1
        if word > 0 and (tokens[word - 1].tag == "DT" or tokens[word - 1].lower in _INDEFINITE):
            word -= 1
        return word

    def mention_starting_at(self, first: int) -> _Mention | None:
        """A source-like noun phrase that begins at token ``first`` (for inversions)."""
        tokens = self.tokens
        if first >= len(tokens):
            return None
        if tokens[first].lower in self.lex.pronouns - {"who"}:
            return _Mention(first, first, None, None, "pronoun")
        last = first
        while last + 1 < len(tokens) and (
            tokens[last + 1].tag in _NP_TAGS
            or tokens[last + 1].lower in self.lex.honorifics
            or (tokens[last + 1].text[:1].isupper() and tokens[last + 1].tag not in {",", "."})
        ):
            last += 1
        if tokens[first].tag not in _NP_TAGS | {"DT"} and tokens[first].lower not in _INDEFINITE:
            return None
        while last > first and (tokens[last].lower in _CLOSENESS or tokens[last].tag == "VBN"):
            last -= 1  # "a person familiar with", "people briefed on": not the head
        return self._classify(first, last)

    def _classify(self, first: int, last: int) -> _Mention | None:
        tokens, lex = self.tokens, self.lex
        words = tokens[first : last + 1]
        while words and words[-1].tag == "POS":
            return None  # "Obama's plan" ends in a possessive: not a whole mention
        head = words[-1]
        determiner = words[0].lower if words[0].tag == "DT" or words[0].lower in _INDEFINITE else ""
        head_word = head.lower.rstrip(".")
        if head_word in lex.vague_nouns or (
            determiner in _INDEFINITE - {"one"}
            and head.tag
            in {
                "NNS",
                "NNPS",
            }
        ):
            return _Mention(first, last, None, None, "vague")
        if head.tag == "NNPS" and (first == last or determiner in _INDEFINITE):
            return _Mention(first, last, None, None, "vague")  # "Mexicans", "many Democrats"
        if head.tag in _NAME_TAGS or (head.text[:1].isupper() and head.tag == "JJ"):
            return self._split_title(first, last)
        if head_word in lex.definite_nouns:
            if determiner in _INDEFINITE:
                return _Mention(first, last, None, None, "vague")
            return _Mention(first, last, self._span_text(first, last), None, "description")
        return None

    def _split_title(self, first: int, last: int) -> _Mention:
        """Split "Ukrainian President Volodymyr Zelenskyy" into role and name."""
        tokens, lex = self.tokens, self.lex
        i = first + (tokens[first].tag == "DT")
        while i <= last and (
            tokens[i].lower in lex.titles
            or (tokens[i].tag == "JJ" and tokens[i].text[:1].isupper())
            or (tokens[i].tag == "POS")
        ):
            i += 1
        if i > last:  # only a title: "the President"
            return _Mention(first, last, self._span_text(first, last), None, "description")
        name_first = i
        if tokens[name_first].lower == "of":  # "Secretary of State John Kerry" ends the role
            name_first += 1
        role = self._span_text(first, i - 1) if i > first + (tokens[first].tag == "DT") else None
        name = self._span_text(name_first if role else first, last)
        return _Mention(name_first if role else first, last, name, role, "name")

    # -------------------------------------------------------------- finding subjects
    def _skip_left(self, j: int) -> int:
        """Back over adverbs, auxiliaries and a parenthesis: "Sen. Ann Lee (D-Mo.) said"."""
        tokens = self.tokens
        while j >= 0:
            if tokens[j].tag in {"RB", "RBR", "MD"} or tokens[j].lower in _AUX:
                j -= 1
            elif tokens[j].text == ")" and "(" in (t.text for t in tokens[max(0, j - 8) : j]):
                while tokens[j].text != "(":
                    j -= 1
                j -= 1
            else:
                break
        return j

    def _preceded_by_preposition(self, first: int) -> bool:
        return first > 0 and self.tokens[first - 1].lower in _PREPOSITIONS

    def subject_before(self, cue_first: int, depth: int = 0) -> _Mention | None:
        """The subject of the clause whose verb starts at ``cue_first``."""
        tokens = self.tokens
        j = self._skip_left(cue_first - 1)
        if j < 0:
            return None
        word = tokens[j]
        if word.tag == "," or word.lower == ",":
            found = self._across_appositive(j)
            if found is not None:
                return found
        participle = tokens[cue_first].tag == "VBG" or tokens[cue_first].lower.endswith("ing")
        if word.lower in _GERUND_LINKS and participle and depth == 0:
            return self._subject_of_previous_verb(j, depth)
        if word.lower in {"and", "but"} and depth == 0:
            return self._subject_of_previous_verb(j, depth)
        mention = self.mention_ending_at(j)
        if mention is not None and self._preceded_by_preposition(mention.first):
            return self._before_modifier(mention.first - 1, j)
        if mention is None and j >= 1 and tokens[j - 1].lower in _TIME_PREPOSITIONS:
            return self._before_modifier(j - 1, j)  # "a panel in 2001 found"
        if depth == 0 and word.tag.startswith("NN"):
            relative = self._relative_pronoun_before(self._np_start(j))
            if relative >= 0:  # "One of the doctors who signed the letter called ..."
                return self.subject_before(relative, depth + 1)
        return mention

    def _relative_pronoun_before(self, first: int) -> int:
        """The index of "who" in "<subject> who <verb> <object>" ending before ``first``, or -1.

        The object of a relative clause is not the subject of the verb after it.
        """
        tokens = self.tokens
        verb = first - 1
        if verb < 1 or tokens[verb].tag not in {"VBD", "VBZ", "VBP", "VBN"}:
            return -1
        return verb - 1 if tokens[verb - 1].lower in {"who", "that"} else -1

    def _before_modifier(
        self, preposition: int, last: int, chained: bool = False
    ) -> _Mention | None:
        """The subject before a modifier ending at ``last``.

        "sources close to the minister", "a spokesman for the ministry", "a panel in
        2001", "emails combed through by Vox": the head noun comes before the modifier.
        """
        tokens = self.tokens
        k = preposition - 1
        if tokens[preposition].lower == "by":  # a participle phrase: "emails combed through by"
            while k >= 0 and k > preposition - 4 and tokens[k].tag not in {"VBN", "VBD"}:
                k -= 1
            if k < 0 or tokens[k].tag not in {"VBN", "VBD"}:
                return None
            k -= 1
        elif tokens[preposition].lower not in _POSTMODIFIERS:
            return None
        while k >= 0 and tokens[k].lower in _CLOSENESS:
            k -= 1
        head = self.mention_ending_at(k)
        if head is not None and self._preceded_by_preposition(head.first) and not chained:
            # "a group of doctors in 2015": two modifiers, the head before the first
            return self._before_modifier(head.first - 1, last, chained=True)
        if head is None or head.form == "pronoun" or self._preceded_by_preposition(head.first):
            return None
        if head.form == "name":
            if head.role is None and tokens[preposition].lower != "by":
                head.role = self._span_text(preposition, last)
            return head
        whole = self._span_text(head.first, last)
        name = whole if head.form == "description" else None
        return _Mention(head.first, last, name, None, head.form)

    def _subject_of_previous_verb(self, j: int, depth: int) -> _Mention | None:
        """The subject of the verb a participle hangs on: "X sent a letter, calling for".

        A parenthesis on the way ("(where Oz practices medicine)") is an aside: its
        verb is skipped, and so are its words in the count of how far to look.
        """
        tokens = self.tokens
        k, seen = j - 1, 0
        while k >= 0 and seen < 15:
            if tokens[k].text == ")":
                opening = next(
                    (m for m in range(k - 1, max(-1, k - 20), -1) if tokens[m].text == "("), -1
                )
                if opening >= 0:
                    k = opening - 1
                    continue
            if tokens[k].lower in _OPEN_MARKS | _CLOSE_MARKS or tokens[k].tag == ".":
                return None
            if tokens[k].tag in {"VBD", "VBZ", "VBP", "VBN"}:  # the tagger mixes VBD, VBN
                return self.subject_before(k, depth + 1)
            k, seen = k - 1, seen + 1
        return None

    def _across_appositive(self, comma: int) -> _Mention | None:
        """The subject before an appositive or relative clause: "X, the former ..., said"."""
        tokens = self.tokens
        best: _Mention | None = None
        for k in range(comma - 1, max(0, comma - 40), -1):
            word = tokens[k]
            if word.lower in _OPEN_MARKS | _CLOSE_MARKS or word.tag in {".", ":"}:
                break
            if word.tag != ",":
                continue
            segment = tokens[k + 1 : comma]
            if not segment:
                continue
            relative = segment[0].lower in {"who", "which", "whose", "whom"}
            if not relative and any(t.tag in {"VBD", "VBZ", "VBP"} for t in segment):
                break
            mention = self.mention_ending_at(self._skip_left(k - 1))
            if mention is None or self._preceded_by_preposition(mention.first):
                continue
            role = None if relative else self._span_text(k + 1, comma - 1)
            named_apposition = self.mention_starting_at(k + 1)
            if (
                mention.form == "description"
                and named_apposition is not None
                and named_apposition.form == "name"
                and named_apposition.last == comma - 1
            ):
                named_apposition.role = self._span_text(mention.first, mention.last)
                best = named_apposition
            else:
                if mention.role is None and role is not None:
                    mention.role = role
                best = mention
        return best

    # --------------------------------------------------------------------- content
    def content_after(self, i: int) -> tuple[int, int] | None:
        """What follows a cue ending before token ``i``: a that-clause, colon or quote."""
        tokens = self.tokens
        start = None
        naming = i > 0 and tokens[i - 1].lower in _NAMING
        for k in range(i, min(len(tokens), i + 8)):
            if naming and tokens[k].lower not in {"that", ":"}:
                break
            if tokens[k].lower in {"that", ":"}:
                start = k + 1
                break
            if tokens[k].lower in _OPEN_MARKS:
                start = k
                break
            if tokens[k].tag.startswith("VB") or tokens[k].tag in {".", ","}:
                break
        if start is None:
            start = i
        while start < len(tokens) and tokens[start].tag in {",", ":"}:
            start += 1
        if start >= len(tokens) or tokens[start].tag == ".":
            return None
        begin = tokens[start].start
        region = self._region_at(begin)
        end = max(region[1], self._sentence_end()) if region else self._sentence_end()
        later = bisect_right(self.boundaries, start)
        if later < len(self.boundaries):
            end = min(end, tokens[self.boundaries[later]].start)
        return (begin, end) if end > begin else None

    @cached_property
    def boundaries(self) -> list[int]:
        """The tokens, outside quotations, where an attributed content stops, in order.

        "said X, adding Y": X is said, Y added. "X argued A, and Y called B": A only.
        Found once per sentence, so each cue finds its end by bisection.
        """
        tokens = self.tokens
        return [
            k
            for k in range(len(tokens) - 1)
            if not self.quoted[k]
            and (
                (
                    tokens[k].tag == ","
                    and tokens[k + 1].tag == "VBG"
                    and tokens[k + 1].lower in self.lex.speech_verbs
                )
                or self._clause_boundary(k)
            )
        ]

    def _clause_boundary(self, k: int) -> bool:
        """Whether token ``k`` ends a clause: a semicolon, or ", and" before a new subject.

        "Opponents argued that A, and councillor Tom Bridger called B": the comma
        before "and <subject> <verb>" closes what the opponents argued. A second
        that-clause (", and that B") goes on with the same content.
        """
        tokens = self.tokens
        if tokens[k].text == ";":
            return True
        return (
            tokens[k].tag == ","
            and k + 2 < len(tokens)
            and tokens[k + 1].lower in _COORDINATORS
            and tokens[k + 2].lower != "that"
            and self._clause_follows(k + 2, past_as_participle=True)
        )

    def _sentence_end(self) -> int:
        end = self.sentence[1]
        while end > self.sentence[0] and self.text[end - 1] in ".,;: \n":
            end -= 1
        return end

    def _region_at(self, at: int) -> tuple[int, int] | None:
        """The quotation that contains offset ``at``, if any."""
        return self.quotations.at(at)

    def _introduces(self, i: int) -> bool:
        """Whether "that", a colon or a quotation follows the cue at ``i`` (after an object)."""
        for token in self.tokens[i : i + 5]:
            if token.lower in {"that", ":"} or token.lower in _OPEN_MARKS:
                return True
            if token.tag.startswith("VB") or token.tag in {".", ","}:
                return False
        return False

    def content_before(self, first: int, cue_last: int) -> tuple[int, int] | None:
        """The quotation or clause before an attribution that closes it: '"...," he said'."""
        tokens = self.tokens
        j = first - 1
        while j >= 0 and tokens[j].tag in {",", ":"}:
            j -= 1
        if j < 0:
            quote = self._region_before(tokens[first].start)
            return self._extend_past(quote, cue_last) if quote else None
        region = self._region_at(tokens[j].start)
        if region:
            return self._extend_past(region, cue_last)
        begin = self.sentence[0]
        return (begin, tokens[j].end) if tokens[j].end > begin else None

    def _region_before(self, at: int) -> tuple[int, int] | None:
        """A quotation that ends just before ``at`` (possibly in an earlier sentence)."""
        return self.quotations.ending_before(at)

    def _extend_past(self, region: tuple[int, int], cue_last: int) -> tuple[int, int]:
        """'"A," he said, "B."' : the content runs from A to B."""
        tokens = self.tokens
        k = cue_last + 1
        while k < len(tokens) and tokens[k].tag == ",":
            k += 1
        if k < len(tokens):
            after = self._region_at(tokens[k].start)
            if after:
                return (region[0], after[1])
        return region

    # ------------------------------------------------------------------------ cues
    def cues(self) -> list[tuple[int, int, str]]:
        """Every cue of the sentence as ``(first, last, kind)`` token ranges.

        Cues inside a quotation belong to the quoted speaker's own words, and a
        headline in title case has no syntax to read: both are left out.
        """
        tokens, lex = self.tokens, self.lex
        if self._title_case():
            return []
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(tokens):
            word = tokens[i]
            if self.quoted[i]:
                i += 1
                continue
            phrase = self._phrase_at(i)
            nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
            prev = tokens[i - 1].lower if i > 0 else ""
            if word.lower == "according" and nxt == "to":
                found.append((i, i + 1, "according"))
                i += 2
                continue
            if word.lower == "in" and self._words_cue(i) >= 0:
                found.append((self._words_cue(i), self._words_cue(i), "words"))
                i = self._words_cue(i) + 1
                continue
            if phrase:
                found.append((i, i + phrase - 1, "speech"))
                i += phrase
                continue
            if word.text in _DASHES and self._after_quote(word.start):
                found.append((i, i, "signature"))
            elif word.lower in lex.vague_adverbs:
                found.append((i, i, "adverb"))
            elif word.lower in lex.impersonal_participles and self._impersonal_at(i):
                found.append((self._copula_before_hedges(i), i, "impersonal"))
            elif self._judged_by(i):
                found.append((i, i, "by_agent"))
            elif self._judged_passive(i):
                found.append((i, i, "passive"))
            elif prev == "," and word.lower.endswith("ing") and word.lower in lex.speech_verbs:
                found.append((i, i, "speech"))  # ", warning that": a participle, not a noun
            elif (
                word.tag.startswith("NN")
                and word.lower in lex.nominal_cues.get(nxt, ())
                and prev not in _QUANTIFIERS
            ):
                found.append((i, i, "nominal"))
            elif word.lower in lex.stance_adjectives and self._copula_before(i) >= 0:
                found.append((self._copula_before(i), i, "stance"))
            else:
                verb_cue = self._verb_cue(i, prev)
                if verb_cue:
                    found.append((i, i, verb_cue))
            i += 1
        return found

    def _words_cue(self, i: int) -> int:
        """The index of "words" in "in X's words" / "in the words of X", or -1."""
        tokens = self.tokens
        following = [t.lower for t in tokens[i + 1 : i + 4]]
        if following == ["the", "words", "of"]:
            return i + 2
        for k in range(i + 2, min(len(tokens) - 1, i + 7)):
            if tokens[k].lower in {"'s", "'"} and tokens[k + 1].lower == "words":
                return k + 1
        return -1

    def _title_case(self) -> bool:
        words = [t for t in self.tokens if t.text[:1].isalpha()]
        capitals = sum(t.text[:1].isupper() for t in words)
        return len(words) >= 4 and capitals >= 0.7 * len(words)

    def _after_quote(self, at: int) -> bool:
        """Whether a closing quotation mark comes just before ``at`` ('"..." ― Name')."""
        before = self.text[max(0, at - 4) : at].rstrip()
        return bool(before) and before[-1] in "”\"»'’"

    def _judged_by(self, i: int) -> bool:
        """'derided by the West', 'called a charlatan by fellow physicians'."""
        word = self.tokens[i]
        return (
            word.lower in self.lex.by_agent_verbs
            and word.tag in {"VBN", "VBD"}
            and self._agent_by(i) >= 0
        )

    def _judged_passive(self, i: int) -> bool:
        """'they have often been criticized': judged, by no one named."""
        word = self.tokens[i]
        return (
            word.lower in self.lex.passive_verbs
            and word.tag in {"VBN", "VBD"}
            and self._copula_before(i) >= 0
        )

    def _agent_by(self, i: int) -> int:
        """The index of "by" after a judging verb ("called a charlatan by"), or -1."""
        tokens = self.tokens
        for k in range(i + 1, min(len(tokens), i + 6)):
            if tokens[k].lower == "by":
                return k
            if tokens[k].tag in {",", ".", ":"} or tokens[k].tag.startswith("VB"):
                return -1
        return -1

    def _phrase_at(self, i: int) -> int:
        """The length of the multi-word cue that starts at token ``i``, or 0."""
        for phrase in self.lex.phrases.get(self.tokens[i].lower, ()):
            n = len(phrase)
            if tuple(t.lower for t in self.tokens[i : i + n]) == phrase:
                return n
        return 0

    def _verb_tagged_as_noun(self, i: int, prev: str) -> bool:
        """A reporting verb the tagger read as a noun: "he states", "the woman disputes the"."""
        tokens, word = self.tokens, self.tokens[i]
        if prev in self.lex.pronouns | _QUANTIFIERS:  # "he states", "some fear that"
            return word.lower in self.lex.speech_verbs | self.lex.that_verbs
        if word.lower not in self.lex.speech_verbs:
            return False
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return (
            word.tag == "NNS"
            and i > 0
            and tokens[i - 1].tag in {"NN", "NNP"}
            and nxt is not None
            and (nxt.lower == "that" or nxt.tag == "DT" or nxt.lower in _OPEN_MARKS)
        )

    def _verb_cue(self, i: int, prev: str) -> str:
        """ "speech" for a reporting verb, "thought" for a thinking verb before a clause."""
        word, tokens = self.tokens[i], self.tokens
        if not word.tag.startswith("VB") and not self._verb_tagged_as_noun(i, prev):
            return ""
        if prev in {"to", "the", "a", "an"} or (prev in _BE and word.tag in {"VBN", "VBD"}):
            return ""
        if word.tag == "VBG" and i > 0 and tokens[i - 1].tag in {"JJ", "DT", "PRP$"}:
            return ""  # "additional reporting", "his saying": a noun
        if word.lower in self.lex.speech_verbs:
            return "speech"
        if self._quotation_follows(i) and word.lower not in _AUX:
            return "speech"  # 'a doctor had typed “homicidal ideation.”'
        if word.lower in self.lex.that_verbs:
            j = i + 1
            while j < len(tokens) and tokens[j].tag in {"RB", ","}:
                j += 1
            if j < len(tokens) and (
                tokens[j].lower in {"that", ":"} or tokens[j].lower in _OPEN_MARKS
            ):
                return "speech"
            if j >= len(tokens) or tokens[j].tag == ".":
                return "speech"  # "..., a new study shows."
            if word.lower in _FEEL and tokens[j].tag in {"JJ", "VBN"}:
                return "thought"  # "many felt betrayed"
            return "thought" if self._clause_follows(j) else ""
        return ""

    def _quotation_follows(self, i: int) -> bool:
        """Whether a quotation opens right after verb ``i`` (after an optional colon)."""
        tokens = self.tokens
        if self.tokens[i].tag not in {"VBD", "VBZ", "VBP"} and not (
            self.tokens[i].tag == "VBN" and i > 0 and self.tokens[i - 1].lower in _HAVE
        ):
            return False
        j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1].tag == ":")
        return (
            j < len(tokens)
            and tokens[j].lower in _OPEN_MARKS
            and bool(self._region_at(tokens[j].start))
        )

    def _clause_follows(self, j: int, past_as_participle: bool = False) -> bool:
        """Whether a subject and a finite verb follow ("found the rules were broken").

        With ``past_as_participle``, a past participle right after a noun counts as
        the verb: the tagger reads "Tom Bridger called the plan" as VBN.
        """
        tokens = self.tokens
        if j >= len(tokens) or tokens[j].lower in _OBJECT_PRONOUNS:
            return False
        if tokens[j].tag not in {"DT", "NNP", "NNPS", "NNS", "NN", "PRP", "CD"}:
            return False
        for k in range(j + 1, min(len(tokens), j + 8)):
            if tokens[k].tag in {"VBD", "VBZ", "VBP", "MD"}:
                return True
            if past_as_participle and tokens[k].tag == "VBN" and tokens[k - 1].tag in _NOUN_TAGS:
                return True
            if tokens[k].tag in {",", ".", ":", "IN"} and tokens[k].lower != "of":
                return False
        return False

    def _copula_before_hedges(self, i: int) -> int:
        """The copula of "is widely believed": the cue starts there."""
        j = i - 1
        while j >= 0 and self.tokens[j].lower not in _BE:
            j -= 1
        return max(j, 0)

    def _impersonal_at(self, i: int) -> bool:
        """'it is (widely) believed that', 'X is said to'."""
        tokens = self.tokens
        j = i - 1
        while j >= 0 and (tokens[j].lower in self.lex.impersonal_hedges or tokens[j].tag == "RB"):
            j -= 1
        if j < 0 or tokens[j].lower not in _BE:
            return False
        nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        subject = tokens[j - 1].lower if j > 0 else ""
        return (subject == "it" and nxt == "that") or nxt == "to"

    def _copula_before(self, i: int) -> int:
        """The index of the copula of "are (deeply) skeptical", or -1."""
        j = i - 1
        while j >= 0 and self.tokens[j].tag in {"RB", "RBR"}:
            j -= 1
        return j if j >= 0 and self.tokens[j].lower in _BE else -1

    # ------------------------------------------------------------------ attributions
    def attributions(self) -> list[tuple[_Mention | None, tuple[int, int], str, tuple | None]]:
        """``(mention, cue token range, cue kind, content span)`` for every cue with a source."""
        out = []
        for first, last, kind in self.cues():
            found = self._resolve(first, last, kind)
            if found is not None:
                out.append(found)
        return out

    def _resolve(self, first: int, last: int, kind: str):
        """The source and content of one cue; None when it has none (not an attribution)."""
        tokens = self.tokens
        mention: _Mention | None = None
        if kind in {"adverb", "passive"}:
            return None, (first, last), kind, self._clause_around(first)
        if kind == "impersonal":
            content = self.content_after(last + 1)
            return (None, (first, last), kind, content) if content else None
        if kind == "nominal":
            if first >= 2 and tokens[first - 1].tag == "POS":
                mention = self.mention_ending_at(first - 2)
            if tokens[last + 1].lower == "that":
                content = self.content_after(last + 1)
            else:
                content = self._phrase_content(last + 2)
            return (mention, (first, last), kind, content) if content else None
        if kind == "signature":
            mention = self.mention_starting_at(last + 1)
            quote = self._region_before(tokens[first].start)
            if mention is None or mention.form != "name" or quote is None:
                return None
            return mention, (first, last), kind, quote
        if kind == "words":
            if first + 1 < len(tokens) and tokens[first + 1].lower == "of":  # "in the words of X"
                mention = self.mention_starting_at(first + 2)
                after = mention.last + 1 if mention else 0
            else:  # "in X's words"
                mention = self.mention_ending_at(first - 2)
                after = first + 1
            if mention is None:
                return None
            content = self.content_after(after)
            if content is None:
                content = self.content_before(first - 1 if mention.last < first else first, last)
            return mention, (first, last), kind, content
        if kind == "according":
            mention = self.mention_starting_at(last + 1)
            if mention is None:
                return None
            if first > 0:
                content = self.content_before(first, mention.last)
            else:
                content = self.content_after(mention.last + 1)
            return mention, (first, last), kind, content
        if kind == "by_agent":
            by = self._agent_by(last)
            mention = self.mention_starting_at(by + 1)
            if mention is None:
                return None
            if by > last + 1:
                content = (tokens[last + 1].start, tokens[by - 1].end)
            else:
                content = self._agent_content(mention.last + 1)
            return mention, (first, last), kind, content
        mention = self.subject_before(first)
        inverted = False
        if mention is None and kind == "speech":
            j = self._skip_left(first - 1)
            if j >= 0 and (tokens[j].tag == "," or tokens[j].lower in _CLOSE_MARKS):
                mention = self.mention_starting_at(last + 1)
                if mention is not None and not self._ends_clause(self._past_postmodifier(mention)):
                    mention = None  # "..., said he had fought": "he" begins the content
                inverted = mention is not None
        if mention is None or (kind == "thought" and mention.form == "pronoun"):
            return None
        if inverted:
            content = self.content_before(first, mention.last)
        else:
            content = self.content_after(last + 1)
            before = self.content_before(mention.first, last)
            quote_before = before is not None and self._region_at(before[0]) is not None
            if not quote_before and not self._reports_content(first, last):
                return None
            if content is None:
                content = before
            elif quote_before and before is not None and self._region_at(content[0]):
                content = (before[0], content[1])  # '"A," she said, "B."'
            elif quote_before and not self._introduces(last + 1):
                content = before  # '"A," she said on Monday.'

        if content is None:
            return None
        return mention, (first, last), kind, content

    def _reports_content(self, first: int, last: int) -> bool:
        """Whether a verb cue reports something said, not an ability or a plan.

        "Residents can comment on the design", "she will speak at noon", "critics may
        argue otherwise" say what someone could do, not what they said: after a modal
        the cue needs a clause ("may argue that ..."). Without a modal a topic is
        enough: PolNeAR counts "Trump brags about his prowess" as an attribution.
        """
        tokens = self.tokens
        j = first - 1
        while j >= 0 and (tokens[j].tag in {"RB", "RBR"} or tokens[j].lower in {"not", "n't"}):
            j -= 1
        if j < 0 or tokens[j].lower not in _MODALS:
            return True
        return self._introduces(last + 1) or self._clause_follows(last + 1)

    def _past_postmodifier(self, mention: _Mention) -> int:
        """The token after an inverted source's modifier, or right after the source.

        '"...," said a person familiar with the talks', 'said Jan Novak of the union',
        'said one official who asked not to be named': the modifier runs to the
        clause's end and holds no verb of its own, except in a who-clause.
        """
        tokens, after = self.tokens, mention.last + 1
        if after >= len(tokens) or mention.form == "pronoun":
            return after
        opener = tokens[after].lower
        if opener not in _POSTMODIFIERS | _CLOSENESS | {"who"}:
            return after
        for k in range(after + 1, min(len(tokens), after + 14)):
            if self._ends_clause(k):
                if mention.form == "name" and mention.role is None and opener != "who":
                    mention.role = self._span_text(after, k - 1)  # "Jan Novak of the union"
                return k
            if opener != "who" and tokens[k].tag in {"VBD", "VBZ", "VBP", "MD"}:
                return after
        return after

    def _ends_clause(self, i: int) -> bool:
        """Whether token ``i`` closes an inverted source: punctuation, a quote, the end."""
        tokens = self.tokens
        return (
            i >= len(tokens)
            or tokens[i].tag in {",", ".", ":"}
            or (tokens[i].lower in _OPEN_MARKS | _CLOSE_MARKS)
        )

    def _clause_around(self, i: int) -> tuple[int, int]:
        """The clause that holds token ``i``: "reportedly" qualifies its clause, not the sentence."""
        tokens, boundaries = self.tokens, self.boundaries
        before = bisect_left(boundaries, i)
        first = boundaries[before - 1] + 1 if before else 0
        while first < i and (
            tokens[first].tag in {",", ":"} or tokens[first].lower in _COORDINATORS
        ):
            first += 1  # the clause starts after ", and"
        after = bisect_right(boundaries, i)
        last = boundaries[after] - 1 if after < len(boundaries) else len(tokens) - 1
        while last > first and tokens[last].tag in {".", ",", ":"}:
            last -= 1
        return (tokens[first].start, tokens[last].end)

    def _agent_content(self, i: int) -> tuple[int, int] | None:
        """'derided by the West as a rogue state': the judgement after "as"."""
        if i < len(self.tokens) and self.tokens[i].lower == "as":
            return self._phrase_content(i + 1)
        return None

    def _phrase_content(self, i: int) -> tuple[int, int] | None:
        """The words from token ``i`` to the next comma, colon or full stop."""
        tokens = self.tokens
        last = i
        while last < len(tokens) and tokens[last].tag not in {",", ".", ":"}:
            last += 1
        if last > i:
            return (tokens[i].start, tokens[last - 1].end)
        return None

    def kind_of(self, content: tuple[int, int] | None, attribution: tuple[int, int]) -> str:
        """direct, mixed or indirect, by the share of the content inside quotation marks.

        ``attribution`` (source and cue) is left out when it interrupts the content,
        as in '"A," she said, "B."', which is all quoted.
        """
        if content is None:
            return "indirect"
        start, end = content
        parts = [(start, end)]
        if start < attribution[0] and attribution[1] < end:
            parts = [(start, attribution[0]), (attribution[1], end)]
        if len(parts) == 1:
            share = self.quotations.share(start, end)
        else:
            shares = [
                (self.quotations.share(a, b), count_letters(self.text, a, b)) for a, b in parts
            ]
            total = sum(n for _, n in shares)
            share = sum(s * n for s, n in shares) / total if total else 0.0
        if share >= 0.97:
            return "direct"
        return "mixed" if share > 0 else "indirect"

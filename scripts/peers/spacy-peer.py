"""The spaCy peer of `scripts/bench-process`: a whole-word, case-insensitive search for the
profile's term spellings in each file, the way a Python program would usually write it.

Usage: python spacy-peer.py TERMS FILE...

spaCy's blank English pipeline (its tokenizer, no trained model) and a PhraseMatcher on the
lower-cased tokens. Prints, for each file, its path and the number of term mentions found, in
the form of `rg -c` (which counts the lines with a mention instead); files are read as UTF-8
with undecodable bytes replaced.
"""

import sys

import spacy
from spacy.matcher import PhraseMatcher


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    terms_path, files = sys.argv[1], sys.argv[2:]
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    with open(terms_path, encoding="utf-8") as f:
        terms = [t for t in (line.strip() for line in f) if t]
    matcher.add("TERM", list(nlp.tokenizer.pipe(terms)))
    out = []
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            doc = nlp.make_doc(f.read())
        out.append(f"{path}:{len(matcher(doc))}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

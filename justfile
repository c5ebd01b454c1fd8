# Recipes over cargo; `just ci` runs exactly what CI runs.

default: check-sample

# Check the bundled sample resume and print the report.
check-sample:
    cargo run --release -q -p toolkit-cli -- check samples/omar-haddad.md

# Write the sample's prep sheet to target/omar-haddad.pdf.
prep-sample:
    cargo run --release -q -p toolkit-cli -- prep -o target/omar-haddad.pdf samples/omar-haddad.md

# Run every labelled sample through batch into target/cohort.
batch-samples:
    cargo run --release -q -p toolkit-cli -- batch --out target/cohort $(ls samples/*.md samples/*.txt samples/*.json | grep -v -e README -e labels)

test:
    cargo test --workspace --locked

ci:
    bash .ci/run

# Fit the behaviour models on the training part of the line corpus; writes
# crates/toolkit-profile/profiles/behaviour.weights.tsv (deterministic, 15 to 20 minutes on two cores).
train:
    cargo run --release -q -p toolkit-train

# Why the shipped weights decide each line of a labelled file as they do (model: problem-solving,
# collaboration, learning or debugging-tools): the margin and the features that weigh most.
explain model file:
    cargo run --release -q -p toolkit-train -- --explain {{model}} {{file}}

# Score the built checker on the test part of the line corpus, line by line.
score-lines split="test":
    cargo build --release -q -p toolkit-cli
    scripts/score-lines --split {{split}} corpus/lines/*.jsonl

# Score the checker on a labelled corpus folder (resumes + labels.json).
score corpus="../shared/corpus" scorer="../shared/tools/score-topics":
    scripts/score-corpus {{corpus}} {{scorer}}

# Score a build on every evaluation set (line sets and resume sets), or compare two builds:
# just eval-sets --against /tmp/other-toolkit --corpus ../shared/corpus
eval-sets *args:
    cargo build --release -q -p toolkit-cli
    scripts/eval-sets {{args}}

# How far a second labeller agrees with the line labels, beside the built toolkit.
agreement:
    cargo build --release -q -p toolkit-cli
    scripts/agreement corpus/eval/agreement/*.jsonl

# What a pretrained sentence encoder would add to words alone (MODEL: its folder; needs
# numpy, scipy, scikit-learn, safetensors and tokenizers from pip).
encoder-probe model:
    scripts/encoder-probe --model {{model}}

# Render a labelled corpus through real producers (LibreOffice, Chromium, wkhtmltopdf, Typst,
# LaTeX) and score each one against the sources (`--install` installs the producers).
cross-producer corpus="../shared/corpus" scorer="../shared/tools/score-topics":
    scripts/cross-producer {{corpus}} {{scorer}}

# Benchmarks in one process over realistic resumes (the labelled ones replicated to 3-5 KB):
# check throughput and sheet rendering, then the PDF layout alone.
bench:
    cargo bench -p toolkit-cli --bench throughput
    cargo bench -p toolkit-pdf

# Whole runs of the binary, timed with hyperfine beside rg on the same files: check of one
# resume and of 800, prep, batches of 1,000 and 10,000 (`--install` installs hyperfine and rg;
# `--peers PYTHON` times the spaCy and WeasyPrint peers of scripts/peers/ too).
bench-process *args:
    scripts/bench-process {{args}}

# Hostile and huge inputs run against one binary (an older release, say), with exit code, wall
# time, peak RSS and output size in a Markdown table.
hostile toolkit="target/release/toolkit" *args:
    scripts/hostile-cases --toolkit {{toolkit}} {{args}}

# Regenerate the README's pictures: pages 1 and 2 of a sheet, a branded sheet and a branded
# cohort grid (needs pdftoppm).
images:
    cargo build --release -q -p toolkit-cli
    ./target/release/toolkit prep --date 2026-11-25 -o target/sheet.pdf samples/omar-haddad.md
    pdftoppm -png -r 80 -f 1 -l 1 -singlefile target/sheet.pdf docs/images/sheet-page1
    pdftoppm -png -r 80 -f 2 -l 2 -singlefile target/sheet.pdf docs/images/sheet-page2
    ./target/release/toolkit prep --date 2026-11-25 --brand docs/brand/brand.toml -o target/sheet-branded.pdf samples/lin-weiting.md
    pdftoppm -png -r 80 -f 1 -l 1 -singlefile target/sheet-branded.pdf docs/images/sheet-branded
    ./target/release/toolkit batch -q --date 2026-11-25 --brand docs/brand/brand.toml --out target/cohort-img $(ls samples/*.md samples/*.txt samples/*.json tests/holdout/*.md tests/holdout/*.txt tests/holdout/*.json | grep -v -e README -e labels)
    pdftoppm -png -r 80 -f 2 -l 2 -singlefile target/cohort-img/cohort.pdf docs/images/cohort-grid

# A table of page counts and how full each page is, for every labelled resume, on A4 and Letter.
sheet-fill corpus="../shared/corpus":
    cargo run --release -q -p toolkit-cli --example sheet_fill -- samples samples/edge tests/holdout {{corpus}}

# Run one fuzz target for a while (cargo install cargo-fuzz first).
fuzz target="markdown" seconds="600":
    cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run {{target}} -- -max_total_time={{seconds}}

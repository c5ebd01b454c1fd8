"""The WeasyPrint peer of `scripts/bench-process`: the prep sheet as a Python service would
usually print it, with Jinja2 and WeasyPrint.

Usage: python weasyprint-peer.py OUTDIR SHEET.md...

Each SHEET.md is a sheet that `toolkit prep --format markdown` wrote. It is turned into HTML
(Python-Markdown), laid into a Jinja2 page template with print CSS (A4, two columns for the
gaps, boxed stories, page breaks where the sheet has them) and printed to OUTDIR/NAME.pdf by
WeasyPrint, one sheet after another in one process. Prints to standard error the number of
sheets and the mean time a sheet took after the first (the warm figure); the whole process,
timed from outside, is the cold one.
"""

import os
import sys
import time

import jinja2
import markdown
import markupsafe
import weasyprint

PAGE = jinja2.Template(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
@page { size: A4; margin: 14mm 16mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; line-height: 1.3; color: #222; }
h1 { font-size: 16pt; margin: 0 0 4pt; color: #1d4e89; }
h2 { font-size: 11.5pt; margin: 10pt 0 4pt; border-bottom: 1px solid #1d4e89; color: #1d4e89; }
h3 { font-size: 9.5pt; margin: 8pt 0 2pt; break-after: avoid; }
ul { margin: 2pt 0 4pt 14pt; padding: 0; }
li { margin: 0 0 1pt; }
p { margin: 2pt 0 4pt; }
strong { font-weight: bold; }
h3 + p, h3 + ul { break-before: avoid; }
.pagebreak { break-after: page; }
</style></head>
<body>{{ body }}</body></html>
"""
)


def render(sheet: str) -> tuple[str, str]:
    title = sheet.splitlines()[0].lstrip("# ").strip() if sheet else "Interview prep"
    body = markdown.markdown(sheet, extensions=["sane_lists"])
    body = body.replace("<!-- page break -->", '<div class="pagebreak"></div>')
    return title, body


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out_dir, sheets = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    times = []
    for path in sheets:
        start = time.perf_counter()
        with open(path, encoding="utf-8") as f:
            title, body = render(f.read())
        html = PAGE.render(title=title, body=markupsafe.Markup(body))
        name = os.path.splitext(os.path.basename(path))[0] + ".pdf"
        weasyprint.HTML(string=html).write_pdf(os.path.join(out_dir, name))
        times.append(time.perf_counter() - start)
    warm = times[1:] or times
    print(
        f"{len(times)} sheets; {sum(warm) / len(warm) * 1e3:.1f} ms a sheet after the first",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

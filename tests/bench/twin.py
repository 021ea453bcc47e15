#!/usr/bin/env python3
"""twin.py — writes the text of a gongbao document tree as a XeLaTeX (ctex) or
a typst document set like the gongbao layout (page, margins, body size and
pitch, fonts by role), so that `make bench` can time its peers on the same text.

usage: twin.py --format tex|typ [--typst 0.10|0.14] --layout LAYOUT.ini [--fonts fonts.conf] TREE -o OUT

The twin is as close as each peer gets without hand tuning: documents in tree
order, each on a new page where the layout says so, title, 发文字号, 主送,
headings, paragraphs with a 2-em indent, list items, tables, 落款, running head
and folio.  No cover and no 目录: those would need a second XeLaTeX pass, and
the benchmark times exactly one.
"""
import argparse
import os
import configparser
import re
import subprocess
import sys

MM = 72 / 25.4
ROLES = ("song", "fang", "kai", "hei", "title")
STYLES = ("body", "title", "number", "addressee", "heading1", "heading2", "heading3",
          "heading4", "item", "signature", "attachment-title", "table", "table-head",
          "running-head", "folio", "section")
# the defaults of pipeline/layout.c, so that a layout means the same here
CENTERED = {"title", "number", "attachment-title", "folio"}
LEFT = {"addressee", "running-head", "section"}
INDENTED = {"heading1", "heading2", "heading3", "heading4", "item"}


def length(text):
    """'12.5mm', '3 cm', '16pt', '16' → points (layout_parse_length)."""
    m = re.fullmatch(r"\s*([-+0-9.eE]+)\s*(pt|mm|cm)?\s*", text)
    if not m:
        raise ValueError("bad length %r" % text)
    v = float(m.group(1))
    return v * {"pt": 1, None: 1, "mm": MM, "cm": 10 * MM}[m.group(2)]


class Layout:
    """The keys of layouts/NAME.ini that a peer can follow."""

    def __init__(self, path):
        kf = configparser.ConfigParser(interpolation=None, strict=False,
                                       comment_prefixes=("#",), delimiters=("=",))
        kf.optionxform = str
        with open(path, encoding="utf-8") as f:
            kf.read_file(f)
        get = lambda g, k, d=None: kf.get(g, k, fallback=d).strip() if kf.has_option(g, k) else d
        self.width = length(get("page", "trim-width", "210mm"))
        self.height = length(get("page", "trim-height", "297mm"))
        self.top = length(get("page", "margin-top", "37mm"))
        self.bottom = length(get("page", "margin-bottom", "35mm"))
        self.inner = length(get("page", "margin-inner", "28mm"))
        self.outer = length(get("page", "margin-outer", "26mm"))
        self.measure = self.width - self.inner - self.outer
        self.area = self.height - self.top - self.bottom
        lines = int(float(get("grid", "lines-per-page", "0")))
        body = {"font": "song", "size": 12.0, "pitch": 20.0, "align": "justify",
                "indent": 2.0, "before": 0.0, "after": 0.0}
        self.styles = {}
        for name in STYLES:
            st = dict(body) if name != "body" else body
            if name != "body":
                st["align"] = ("center" if name in CENTERED else "left" if name in LEFT
                               else "right" if name == "signature" else "justify")
                st["indent"] = 2.0 if name in INDENTED else 0.0
                st["before"] = st["after"] = 0.0
            if kf.has_section(name):
                if get(name, "font"):
                    st["font"] = get(name, "font")
                size = length(get(name, "size", "0"))
                pitch = length(get(name, "pitch", "0"))
                if size > 0:
                    if pitch <= 0 and name != "body":
                        pitch = size * body["pitch"] / body["size"]
                    st["size"] = size
                if pitch > 0:
                    st["pitch"] = pitch
                for k in ("align",):
                    if get(name, k):
                        st[k] = get(name, k)
                if get(name, "indent"):
                    st["indent"] = float(get(name, "indent"))
                for k in ("before", "after"):
                    if get(name, k):
                        st[k] = length(get(name, k))
            if name == "body" and lines > 0:
                body["pitch"] = self.area / lines
            self.styles[name] = st
        self.new_page = get("document", "start", "new-page") != "continue"
        self.section_heading = get("document", "section-heading", "false") in ("true", "yes")
        self.running_head = get("running-head", "show", "false") in ("true", "yes")
        self.folio = get("folio", "format", "— %s —")


def role_fonts(conf):
    """role → (family, weight, file, index): the first family of the role that
    fonts/fonts.conf prefers and that is installed, in the weight it asks for.
    The file and face index are what fontconfig finds with that file loaded
    alone, as gongbao loads it."""
    text = open(conf, encoding="utf-8").read() if conf else ""
    env = dict(os.environ, FONTCONFIG_FILE=os.path.abspath(conf)) if conf else None
    fonts = {}
    for role in ROLES:
        m = re.search(r"<family>gongbao-%s</family>\s*<prefer>(.*?)</prefer>" % role, text, re.S)
        families = re.findall(r"<family>(.*?)</family>", m.group(1)) if m else []
        w = re.search(r"<string>gongbao-%s</string></test>\s*<edit name=\"weight\"[^>]*>"
                      r"<const>(\w+)</const>" % role, text)
        weight = w.group(1) if w else "regular"
        fonts[role] = None
        for family in families + ["Noto Serif CJK SC"]:
            try:
                out = subprocess.run(["fc-match", "-f", "%{family}|%{file}|%{index}",
                                      "%s:weight=%s" % (family, weight)],
                                     capture_output=True, text=True, env=env).stdout
            except OSError:
                out = ""
            found = out.split("|")
            if len(found) == 3 and family in found[0].split(","):
                fonts[role] = (family, weight, found[1], int(found[2] or 0))
                break
        if not fonts[role]:
            fonts[role] = ("Noto Serif CJK SC", weight, None, 0)
    return fonts


def unescape(field):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}.get(m.group(1), m.group(1)), field)


def read_tree(path):
    """The tree as (gazette, issue, [(section, [document])]); a document is
    {'meta': {key: value}, 'blocks': [(kind, ...)]}."""
    gazette, issue, sections = {}, {}, []
    doc = table = None
    with open(path, encoding="utf-8") as f:
        first = f.readline().rstrip("\n").split("\t")
        if first[:1] != ["gongbao-tree"]:
            sys.exit("%s:1: error: not a gongbao-tree file" % path)
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            r = [unescape(x) for x in line.split("\t")]
            k = r[0]
            if k == "gazette":
                gazette[r[1]] = r[2]
            elif k == "issue":
                issue[r[1]] = r[2]
            elif k == "section":
                sections.append((r[1], []))
            elif k == "document":
                doc = {"meta": {}, "blocks": []}
                sections[-1][1].append(doc)
            elif k == "meta":
                doc["meta"].setdefault(r[1], r[2])
            elif k == "para":
                doc["blocks"].append(("para", r[2]))
            elif k == "heading":
                doc["blocks"].append(("heading", int(r[1]), r[3]))
            elif k == "attachment":
                doc["blocks"].append(("attachment", r[2]))
            elif k == "item":
                doc["blocks"].append(("item", r[2], r[3]))
            elif k == "table":
                table = {"ncols": int(r[2]), "rows": []}
                doc["blocks"].append(("table", table))
            elif k == "row":
                table["rows"].append((r[2] == "head", []))
            elif k == "cell":
                table["rows"][-1][1].append(r[1])
    return gazette, issue, sections


def issue_text(issue):
    s = "%s年第%s期" % (issue.get("year", ""), issue.get("number", ""))
    if issue.get("cumulative"):
        s += "（总第%s期）" % issue["cumulative"]
    return s


# --- XeLaTeX (ctex) --------------------------------------------------------

TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
               "#": r"\#", "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}"}


def tex(s):
    return "".join(TEX_SPECIAL.get(c, c) for c in s)


def tex_name(style):
    """A control sequence is letters only: heading1 → \\gbstheadinga."""
    return style.replace("-", "").translate(str.maketrans("1234", "abcd"))


def write_tex(out, layout, fonts, gazette, issue, sections):
    S = layout.styles
    body = S["body"]
    w = out.write
    w("%% gongbao twin: the same text set by XeLaTeX with ctex (tests/bench/twin.py)\n")
    w("\\documentclass[twoside,fontset=none,zihao=false]{ctexart}\n")
    w("\\usepackage[paperwidth=%.2fpt,paperheight=%.2fpt,top=%.2fpt,bottom=%.2fpt,"
      "inner=%.2fpt,outer=%.2fpt,headsep=%.2fpt,footskip=%.2fpt]{geometry}\n"
      % (layout.width, layout.height, layout.top, layout.bottom, layout.inner, layout.outer,
         8 * MM, 7 * MM + S["folio"]["size"]))
    w("\\usepackage{fancyhdr,longtable,array}\n")
    for role in ROLES:
        family, weight, path, index = fonts[role]
        if path:
            # by file and face: a family name can land on the JP face of a .ttc
            spec = "{%s}[Path=%s/%s]" % (os.path.basename(path), os.path.dirname(path),
                                         ",FontIndex=%d" % index if path.endswith(".ttc") else "")
        else:
            spec = "{%s}" % family
        cmd = "\\setCJKmainfont" if role == "song" else "\\setCJKfamilyfont{gb%s}" % role
        w("%s%s\n" % (cmd, spec))
        if role == "song":
            # Latin text in the body font, as gongbao sets it
            w("\\setmainfont%s\n" % spec)
        else:
            w("\\newcommand\\gb%s{\\CJKfamily{gb%s}}\n" % (role, role))
    w("\\newcommand\\gbsong{\\CJKfamily{\\CJKrmdefault}}\n")
    # ctex spreads lines by 1.3; the layout's pitch is the pitch
    w("\\linespread{1}\n")
    w("\\renewcommand\\normalsize{\\fontsize{%.2fpt}{%.2fpt}\\selectfont}\n"
      % (body["size"], body["pitch"]))
    w("\\setlength\\parindent{%.2fem}\\setlength\\parskip{0pt}\n" % body["indent"])
    w("\\pagestyle{fancy}\\fancyhf{}\n")
    if layout.running_head:
        rh = S["running-head"]
        w("\\fancyhead[LE,RO]{\\fontsize{%.2fpt}{%.2fpt}\\gb%s %s\\quad %s}\n"
          % (rh["size"], rh["pitch"], rh["font"], tex(gazette.get("title", "")), tex(issue_text(issue))))
        w("\\renewcommand\\headrulewidth{0.5pt}\n")
    else:
        w("\\renewcommand\\headrulewidth{0pt}\n")
    fo = S["folio"]
    folio = tex(layout.folio).replace("\\%s", "\\thepage{}")
    w("\\fancyfoot[LE,RO]{\\fontsize{%.2fpt}{%.2fpt}\\gb%s %s}\n" % (fo["size"], fo["pitch"], fo["font"], folio))
    for name, st in S.items():
        align = {"center": "\\centering", "right": "\\raggedleft", "left": "\\raggedright"}.get(st["align"], "")
        w("\\newcommand\\gbst%s[1]{\\par\\vspace{%.2fpt}{%s\\noindent\\fontsize{%.2fpt}{%.2fpt}\\gb%s"
          "\\hspace*{%.2fem}#1\\par}\\vspace{%.2fpt}}\n"
          % (tex_name(name), st["before"], align, st["size"], st["pitch"], st["font"],
             st["indent"], st["after"]))
    w("\\begin{document}\n\\normalsize\\gbsong\n")
    first = True
    for section, docs in sections:
        for i, doc in enumerate(docs):
            meta = doc["meta"]
            if layout.new_page and not first:
                w("\\clearpage\n")
            first = False
            if layout.section_heading and i == 0:
                w("\\gbstsection{%s}\n" % tex(section))
            w("\\gbsttitle{%s}\n" % tex(meta.get("title", "")))
            if meta.get("number"):
                w("\\gbstnumber{%s}\n" % tex(meta["number"]))
            if meta.get("to"):
                w("\\gbstaddressee{%s：}\n" % tex(meta["to"]))
            for b in doc["blocks"]:
                if b[0] == "para":
                    w("\n%s\n" % tex(b[1]))
                elif b[0] == "heading":
                    w("\\gbst%s{%s}\n" % (tex_name("heading%d" % b[1]), tex(b[2])))
                elif b[0] == "attachment":
                    w("\\clearpage\\gbstattachmenttitle{%s}\n" % tex(b[1]))
                elif b[0] == "item":
                    w("\\gbstitem{%s %s}\n" % (tex(b[1]), tex(b[2])))
                elif b[0] == "table":
                    write_tex_table(w, b[1], S)
            if meta.get("signature") != "none":
                w("\\gbstsignature{%s\\\\%s}\n" % (tex(meta.get("issuer", "")), tex(meta.get("date-text", ""))))
    w("\\end{document}\n")


def write_tex_table(w, table, S):
    n = table["ncols"]
    st, head = S["table"], S["table-head"]
    w("\\par{\\fontsize{%.2fpt}{%.2fpt}\\selectfont\\setlength\\parindent{0pt}\n" % (st["size"], st["pitch"]))
    w("\\begin{longtable}{|%s|}\\hline\n" % "|".join(
        ["p{\\dimexpr\\linewidth/%d-2\\tabcolsep-1.2pt\\relax}" % n] * n))
    rows = table["rows"]
    heads = [r for r in rows if r[0]]
    for _, cells in heads:
        w(" & ".join("\\gb%s %s" % (head["font"], tex(c)) for c in cells) + "\\\\\\hline\n")
    if heads:
        w("\\endhead\n")
    for h, cells in rows:
        if not h:
            w(" & ".join(tex(c) for c in cells) + "\\\\\\hline\n")
    w("\\end{longtable}}\n")


# --- typst -----------------------------------------------------------------

def typ(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_typ(out, layout, fonts, gazette, issue, sections, version="0.10"):
    """The typst twin; VERSION (0.10, 0.14, …) picks the syntax where they differ."""
    modern = tuple(int(x) for x in version.split(".")[:2]) >= (0, 11)
    S = layout.styles
    body = S["body"]
    w = out.write
    w("// gongbao twin: the same text set by typst (tests/bench/twin.py)\n")
    fo, rh = S["folio"], S["running-head"]

    def font(role):
        family, weight = fonts[role][:2]
        return "font: %s, weight: %s" % (typ(family), typ(weight))
    folio = layout.folio.split("%s")
    # typst 0.10 finds the page number through locate(loc => …); 0.11 made
    # that `context` (and 0.14 no longer knows the callback form)
    if modern:
        page_no = "context { let n = counter(page).get().first(); %s }"
    else:
        page_no = "locate(loc => { let n = counter(page).at(loc).first(); %s })"
    footer = page_no % ("set text(%s, size: %.2fpt); "
                        "align(if calc.odd(n) { right } else { left }, [#%s#str(n)#%s])"
                        % (font(fo["font"]), fo["size"], typ(folio[0]), typ(folio[-1])))
    header = "none"
    if layout.running_head:
        header = page_no % ("set text(%s, size: %.2fpt); "
                            "align(if calc.odd(n) { right } else { left }, [#%s#h(1em)#%s]); "
                            "v(-0.6em); line(length: 100%%, stroke: 0.5pt)"
                            % (font(rh["font"]), rh["size"], typ(gazette.get("title", "")),
                               typ(issue_text(issue))))
    w("#set page(width: %.2fpt, height: %.2fpt, margin: (top: %.2fpt, bottom: %.2fpt, "
      "inside: %.2fpt, outside: %.2fpt), header: %s, footer: %s, header-ascent: %.2fpt, "
      "footer-descent: %.2fpt)\n"
      % (layout.width, layout.height, layout.top, layout.bottom, layout.inner, layout.outer,
         header, footer, 8 * MM, 7 * MM))
    # a line box of exactly 1 em, so that leading = pitch - size as in the layout
    w("#set text(%s, size: %.2fpt, lang: \"zh\", region: \"cn\", top-edge: 0.88em, "
      "bottom-edge: -0.12em)\n" % (font(body["font"]), body["size"]))
    w("#set par(justify: true, leading: %.2fpt)\n" % (body["pitch"] - body["size"]))
    # the space between paragraphs: a block's in 0.10, the paragraph's own from 0.12
    if modern:
        w("#set par(spacing: %.2fpt)\n" % (body["pitch"] - body["size"]))
    else:
        w("#show par: set block(spacing: %.2fpt)\n" % (body["pitch"] - body["size"]))
    for name, st in S.items():
        align = {"center": "center", "right": "right"}.get(st["align"], "left")
        w("#let st-%s(t) = block(above: %.2fpt, below: %.2fpt, width: 100%%, "
          "{ set text(%s, size: %.2fpt); set par(leading: %.2fpt, justify: %s); "
          "align(%s, [#h(%.2fem)#t]) })\n"
          % (name, st["before"] + body["pitch"] - body["size"], st["after"] + body["pitch"] - body["size"],
             font(st["font"]), st["size"], st["pitch"] - st["size"],
             "true" if st["align"] == "justify" else "false", align, st["indent"]))
    first = True
    for section, docs in sections:
        for i, doc in enumerate(docs):
            meta = doc["meta"]
            if layout.new_page and not first:
                w("#pagebreak()\n")
            first = False
            if layout.section_heading and i == 0:
                w("#st-section(%s)\n" % typ(section))
            w("#st-title(%s)\n" % typ(meta.get("title", "")))
            if meta.get("number"):
                w("#st-number(%s)\n" % typ(meta["number"]))
            if meta.get("to"):
                w("#st-addressee(%s)\n" % typ(meta["to"] + "："))
            for b in doc["blocks"]:
                if b[0] == "para":
                    w("\n#h(%.2fem)#%s\n\n" % (body["indent"], typ(b[1])))
                elif b[0] == "heading":
                    w("#st-heading%d(%s)\n" % (b[1], typ(b[2])))
                elif b[0] == "attachment":
                    w("#pagebreak()\n#st-attachment-title(%s)\n" % typ(b[1]))
                elif b[0] == "item":
                    w("#st-item(%s)\n" % typ(b[1] + " " + b[2]))
                elif b[0] == "table":
                    t = b[1]
                    cells = []
                    for h, row in t["rows"]:
                        cells += ["text(%s)[#%s]" % (font(S["table-head"]["font"]), typ(c)) if h
                                  else "[#%s]" % typ(c) for c in row]
                    w("#block(width: 100%%, { set text(size: %.2fpt); table(columns: %d, %s) })\n"
                      % (S["table"]["size"], t["ncols"], ", ".join(cells)))
            if meta.get("signature") != "none":
                w("#st-signature([#%s#linebreak()#%s])\n"
                  % (typ(meta.get("issuer", "")), typ(meta.get("date-text", ""))))


def main():
    ap = argparse.ArgumentParser(description="the text of a gongbao tree as XeLaTeX or typst")
    ap.add_argument("--format", choices=("tex", "typ"), required=True)
    ap.add_argument("--layout", required=True, help="layouts/NAME.ini")
    ap.add_argument("--fonts", default=None, help="fonts/fonts.conf")
    ap.add_argument("--typst", default="0.10", metavar="VERSION",
                    help="the typst version the twin is for (0.10 or 0.14; default 0.10)")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("tree")
    a = ap.parse_args()
    if not re.fullmatch(r"\d+\.\d+(\.\d+)?", a.typst):
        ap.error("--typst wants a version such as 0.10 or 0.14, not %r" % a.typst)
    try:
        layout = Layout(a.layout)
    except (OSError, ValueError, configparser.Error) as e:
        print("%s: error: %s" % (a.layout, e), file=sys.stderr)
        return 2
    fonts = role_fonts(a.fonts)
    try:
        gazette, issue, sections = read_tree(a.tree)
    except OSError as e:
        print("%s: error: %s" % (a.tree, e), file=sys.stderr)
        return 2
    except (IndexError, KeyError, ValueError, TypeError) as e:
        print("%s: error: not a well-formed document tree (%s)" % (a.tree, e), file=sys.stderr)
        return 1
    tmp = a.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        if a.format == "tex":
            write_tex(out, layout, fonts, gazette, issue, sections)
        else:
            write_typ(out, layout, fonts, gazette, issue, sections, a.typst)
    os.replace(tmp, a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# record-issue.py DB OUT_DIR — records a built issue in the archive's tables
# (schema 3, SCHEMA.md) from what the build left: the tree's front matter,
# the page list's documents, pages and text, the SHA-256 of both editions as
# they are on disk.  A stand-in for `gongbao-archive publish` (branch
# h-archive) where the archive has no publish command yet, for the tests of
# the annual index and the bound volume (tests/e2e/books.sh) and the
# benchmark (tests/bench.sh); it checks nothing that publish checks.
import hashlib, os, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("PRAGMA foreign_keys=ON")
out = os.path.abspath(sys.argv[2])
rec = lambda f: [l.rstrip('\n').split('\t') for l in open(os.path.join(out, f), encoding='utf-8')]
tree = rec('issue.tree')
iss = {f[1]: f[2] for f in tree if f[0] == 'issue'}
gz = {f[1]: f[2] for f in tree if f[0] == 'gazette'}
meta, order, cur = {}, [], None
for f in tree:
    if f[0] == 'document': cur = f[1]; order.append(cur); meta[cur] = {}
    elif f[0] == 'meta' and cur: meta[cur].setdefault(f[1], f[2])
    elif f[0] == 'enddocument': cur = None
pages, first, texts = [], {}, []
for f in rec('issue.pages'):
    if f[0] == 'page': pages.append(f); texts.append([])
    elif f[0] == 'title': first.setdefault(f[1], len(pages))
    elif f[0] == 'text': texts[-1].append(f[6])
sha = lambda f: hashlib.sha256(open(os.path.join(out, f), 'rb').read()).hexdigest()
y, n = int(iss['year']), int(iss['number'])
folio = lambda p: int(pages[p - 1][4])
folios = [int(p[4]) for p in pages if p[4] != '-']
db.execute("INSERT INTO issue VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (y, n, iss['name'],
    int(iss['cumulative']) if iss.get('cumulative') else None, iss['date'], gz['title'], gz['publisher'], len(pages), min(folios),
    max(folios), out, sha('print.pdf'), sha('web.pdf'), '2026-04-01T00:00:00Z'))
owner = {}
for k, d in enumerate(order):
    m, fp = meta[d], first[d]
    lp = first[order[k + 1]] - 1 if k + 1 < len(order) else fp
    lp = max(fp, min(lp, len(pages) - 1))
    db.execute("INSERT INTO document VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (m['identifier'],
        y, n, k + 1, m['section'], m.get('kind', ''), m['title'], m.get('issuer', ''),
        m.get('number', ''), m.get('date', ''), m.get('validity', ''), folio(fp), folio(lp), fp, lp,
        None, None))
    for p in range(fp, lp + 1): owner[p] = m['identifier']
for i, p in enumerate(pages):
    db.execute("INSERT INTO page (year, number, page, label, identifier, text) VALUES (?,?,?,?,?,?)",
        (y, n, i + 1, p[3], owner.get(i + 1), '\n'.join(texts[i])))
db.commit()

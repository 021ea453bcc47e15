# End-to-end tests of the print edition's boxes and crop marks (SPEC §5):
# TrimBox = the trim, BleedBox = trim + 3 mm on every side, the page
# (MediaBox) larger by a 10 mm slug on every side that holds the crop marks,
# wholly outside the BleedBox; nothing drawn in the bleed band (no content
# bleeds today).  The hand-written page list of tests/data/render, painted
# into the print edition and read back with pdfinfo and pdftoppm.
source "$(dirname "$0")/lib.sh"
list=$top/tests/data/render/issue.pages

run render --edition print -o "$tmp/print.pdf" "$list"
expect test_print_edition_renders 0
[ -f "$tmp/print.pdf" ] || exit 0
pdfinfo -box -f 1 -l 8 "$tmp/print.pdf" >"$tmp/boxes"

# boxes PAGE: "media trim bleed" of PAGE, each as x0,y0,x1,y1 in points
boxes_of() {
	awk -v p="$1" '$1 == "Page" && $2 == p && $3 ~ /Box:$/ {
		b[$3] = $4 "," $5 "," $6 "," $7 }
	END { print b["MediaBox:"], b["TrimBox:"], b["BleedBox:"] }' "$tmp/boxes"
}
# every page's boxes: "outer inner D": inner lies D points inside outer on
# every side (±0.05)
inset() {
	awk -v d="$3" -v o="$1" -v i="$2" 'BEGIN { split(o, a, ","); split(i, b, ",")
		e[1] = b[1] - a[1]; e[2] = b[2] - a[2]; e[3] = a[3] - b[3]; e[4] = a[4] - b[4]
		for (k = 1; k <= 4; k++) if (e[k] - d > 0.05 || d - e[k] > 0.05) exit 1 }'
}
mm3=$(awk 'BEGIN { print 3 * 72 / 25.4 }')
mm10=$(awk 'BEGIN { print 10 * 72 / 25.4 }')
bad_bleed= bad_media= bad_trim=
for p in 1 2 3 4 5 6 7 8; do
	read -r media trim bleed <<<"$(boxes_of $p)"
	[ -n "$bleed" ] && inset "$bleed" "$trim" "$mm3" || bad_bleed="$bad_bleed $p:$trim/$bleed"
	[ -n "$media" ] && inset "$media" "$bleed" "$mm10" || bad_media="$bad_media $p:$media/$bleed"
	awk -v t="$trim" 'BEGIN { split(t, a, ","); d = a[3] - a[1] - 595.28; e = a[4] - a[2] - 841.89
		exit !(d < 0.05 && d > -0.05 && e < 0.05 && e > -0.05) }' || bad_trim="$bad_trim $p:$trim"
done
[ -z "$bad_trim" ] && ok test_every_print_trimbox_is_the_a4_trim \
	|| not_ok test_every_print_trimbox_is_the_a4_trim "$bad_trim"
[ -z "$bad_bleed" ] && ok test_bleedbox_is_trim_plus_3mm \
	|| not_ok test_bleedbox_is_trim_plus_3mm "$bad_bleed"
[ -z "$bad_media" ] && ok test_mediabox_holds_the_slug_beyond_the_bleed \
	|| not_ok test_mediabox_holds_the_slug_beyond_the_bleed "$bad_media"

# ink PAGE DPI NAME: counts the dark pixels of PAGE rendered at DPI (gray,
# no anti-aliasing) by where they lie: "marks in-trim in-band in-slug",
# with the boxes of page PAGE.  A pixel counts as in the band or the trim
# when its centre is more than one pixel inside the box (a hairline on a
# box's edge is rasterized to either side).
ink() {
	read -r media trim bleed <<<"$(boxes_of "$1")"
	pdftoppm -r "$2" -gray -aa no -aaVector no -f "$1" -l "$1" "$tmp/print.pdf" "$tmp/$3"
	python3 - "$(ls "$tmp/$3"*.pgm)" "$2" "$media" "$trim" "$bleed" <<'PY'
import sys
path, dpi = sys.argv[1], float(sys.argv[2])
media, trim, bleed = ([float(v) for v in a.split(",")] for a in sys.argv[3:6])
data = open(path, "rb").read()
# binary PGM: P5, width, height, maxval, then one byte a pixel
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace():
        pos += 1
    start = pos
    while not data[pos:pos + 1].isspace():
        pos += 1
    fields.append(data[start:pos])
pos += 1
w, h = int(fields[1]), int(fields[2])
px = dpi / 72.0
def inside(box, x, y, margin):
    # box in PDF points (y up), pixel centre x, y (y down from the top)
    bx0 = (box[0] - media[0]) * px; bx1 = (box[2] - media[0]) * px
    by0 = (media[3] - box[3]) * px; by1 = (media[3] - box[1]) * px
    return bx0 + margin < x < bx1 - margin and by0 + margin < y < by1 - margin
def outside(box, x, y, margin):
    return not inside(box, x, y, -margin)
n = in_trim = in_band = in_slug = 0
for y in range(h):
    row = data[pos + y * w: pos + (y + 1) * w]
    for x, v in enumerate(row):
        if v >= 128:
            continue
        cx, cy = x + 0.5, y + 0.5
        n += 1
        if inside(trim, cx, cy, 1):
            in_trim += 1
        elif inside(bleed, cx, cy, -1) and outside(trim, cx, cy, 1):
            in_band += 1
        elif outside(bleed, cx, cy, 1):
            in_slug += 1
print(n, in_trim, in_band, in_slug)
PY
}

# Page 7 is a padding page: nothing but the crop marks.  At 288 dpi
# (4 px/pt) eight marks of 5 mm (14.17 pt: 56–57 px each) and 0.25 pt.
read -r n t band slug <<<"$(ink 7 288 pad)"
if [ "$n" -ge 448 ] && [ "$n" -le 472 ] && [ "$slug" = "$n" ]; then
	ok test_print_crop_marks_lie_wholly_outside_the_bleedbox
else
	not_ok test_print_crop_marks_lie_wholly_outside_the_bleedbox \
		"dark pixels $n: in the trim $t, in the bleed band $band, in the slug $slug"
fi

# Every page, its text and rules included: the band between TrimBox and
# BleedBox is blank, and something is drawn (the pages are not all blank).
band_ink= trim_ink=0
for p in 1 2 3 4 5 6 7 8; do
	read -r n t band slug <<<"$(ink $p 72 page$p)"
	[ "$band" = 0 ] || band_ink="$band_ink page $p: $band px"
	trim_ink=$((trim_ink + t))
done
if [ -z "$band_ink" ] && [ "$trim_ink" -gt 0 ]; then ok test_nothing_is_drawn_in_the_bleed_band
else not_ok test_nothing_is_drawn_in_the_bleed_band "ink in the band:$band_ink; in the trims: $trim_ink px"; fi

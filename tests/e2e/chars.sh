#!/usr/bin/env bash
# Characters nobody can see (SPEC §3 "errors, characters"): gongbao-parse
# refuses every private-use code point, U+FFFD, control and invisible
# format character of a document's source, and every character no font of
# the layout covers, each at FILE:LINE:COLUMN with its code point and the
# characters around it (【U+XXXX】 for the unseen); all of them and every
# other error in one run.  A BOM at a file's start, a TAB and the sample
# issue are no error.  The typesetter never uses a font's private-use glyph
# and shows an unseen character in its message.
. "$(dirname "$0")/lib.sh"

sample=$top/issues/2026-05
A=01-行政规范性文件管理办法.md
B=07-西湖区国土空间分区规划的批复.md

# fresh NAME: a copy of the sample issue in $tmp/NAME; sets $I.
fresh() {
	I=$tmp/$1
	rm -rf "$I"
	cp -r "$sample" "$I"
}
# ins FILE N TEXT: TEXT (with \uXXXX, \UXXXXXXXX and \xXX escapes made into
# their characters) becomes line N+1 of FILE, a paragraph of its own.
ins() {
	python3 - "$1" "$2" "$3" <<'EOF'
import re, sys
path, n, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = re.sub(r'\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2}))',
              lambda m: chr(int(m.group(1) or m.group(2) or m.group(3), 16)), text)
with open(path, encoding='utf-8', newline='') as f:
    lines = f.read().split('\n')
lines[n:n] = [text, '']
with open(path, 'w', encoding='utf-8', newline='') as f:
    f.write('\n'.join(lines))
EOF
}
# has NAME STATUS PREFIX WORDS: the last run exited STATUS and printed a
# line that starts with PREFIX and contains WORDS; on an error no tree.
has() {
	local name=$1 want=$2 prefix=$3 words=$4
	if [ "$status" != "$want" ]; then
		not_ok "$name" "exit $status, expected $want" "$(head -5 "$tmp/err")"
	elif ! awk -v p="$prefix" -v w="$words" \
	    'index($0, p) == 1 && index($0, w) { f = 1 } END { exit !f }' "$tmp/err"; then
		not_ok "$name" "no line: $prefix…$words" "$(head -5 "$tmp/err")"
	elif [ "$want" = 1 ] && [ -s "$tmp/out" ]; then
		not_ok "$name" "a tree was written despite the error"
	else
		ok "$name"
	fi
}
# count PATTERN: the lines of the last run's stderr matching (grep -E).
count() { grep -cE -- "$1" "$tmp/err"; }
CHARKINDS='error: (私用区字符|替换字符|控制字符|不可见的格式字符|字符“)'

# --- private use -----------------------------------------------------------

fresh private
ins "$I/docs/$B" 14 '建筑限高：高程103\uE0105米以下，图例\uE003另附。'
run parse "$I"
has test_private_use_char_is_an_error_with_file_line_column 1 \
    "$I/docs/$B:15:11: error: 私用区字符 U+E010" ''
has test_private_use_char_error_shows_it_in_its_context 1 \
    "$I/docs/$B:15:11: error:" '高程103【U+E010】5米以下'
has test_private_use_char_error_says_to_find_the_intended_character 1 \
    "$I/docs/$B:15:11: error:" '请对照原件找出本来的字'
# U+E003 is in LXGW WenKai's private-use area: refused all the same
has test_private_use_char_some_font_has_is_an_error_too 1 \
    "$I/docs/$B:15:19: error: 私用区字符 U+E003" '图例【U+E003】另附'
if [ "$(count "$CHARKINDS")" = 2 ]; then ok test_each_private_use_char_is_one_error
else not_ok test_each_private_use_char_is_one_error "$(count "$CHARKINDS") errors" "$(cat "$tmp/err")"; fi

fresh planes
ins "$I/docs/$B" 14 '甲\U000F0001乙\U0010FFFD丙'
run parse "$I"
has test_plane_15_private_use_is_an_error 1 "$I/docs/$B:15:2: error: 私用区字符 U+F0001" ''
has test_plane_16_private_use_is_an_error 1 "$I/docs/$B:15:4: error: 私用区字符 U+10FFFD" ''

# --- invisible format characters -------------------------------------------

fresh zwsp
ins "$I/docs/$B" 14 '国土空间\u200b规划'
run parse "$I"
has test_zero_width_space_is_an_error 1 \
    "$I/docs/$B:15:5: error: 不可见的格式字符 U+200B 零宽空格" '国土空间【U+200B】规划'
has test_zero_width_space_error_names_fix 1 "$I/docs/$B:15:5: error:" 'gongbao-parse --fix'

fresh formats
ins "$I/docs/$B" 14 'a\u200cb\u200dc\u200ed\u200fe\u2060f\u2061g\u2062h\u2063i\u2064j\ufeffk'
run parse "$I"
n=$(count "^$I/docs/$B:15:[0-9]+: error: 不可见的格式字符")
cols=$(grep -oE "^$I/docs/$B:15:[0-9]+: error: 不可见的格式字符 U\+[0-9A-F]+" "$tmp/err" \
    | sed -E 's/.*:15:([0-9]+): .* (U\+[0-9A-F]+)$/\1=\2/' | tr '\n' ' ')
want='2=U+200C 4=U+200D 6=U+200E 8=U+200F 10=U+2060 12=U+2061 14=U+2062 16=U+2063 18=U+2064 20=U+FEFF '
if [ "$status" = 1 ] && [ "$n" = 10 ] && [ "$cols" = "$want" ]; then
	ok test_every_invisible_format_char_is_an_error_at_its_column
else
	not_ok test_every_invisible_format_char_is_an_error_at_its_column "exit $status, $n errors" \
	    "got:  $cols" "want: $want"
fi

# --- U+FFFD and controls ---------------------------------------------------

fresh fffd
ins "$I/docs/$B" 14 '批复如下\ufffd\ufffd。'
run parse "$I"
has test_replacement_char_is_an_error 1 "$I/docs/$B:15:5: error: 替换字符 U+FFFD" '批复如下【U+FFFD】【U+FFFD】。'
has test_second_replacement_char_is_its_own_error 1 "$I/docs/$B:15:6: error: 替换字符 U+FFFD" ''

fresh controls
ins "$I/docs/$B" 14 '响铃\x07，退格\x08，删除\x7f，下一行\u0085，结束\u009f。'
run parse "$I"
has test_c0_control_char_is_an_error 1 "$I/docs/$B:15:3: error: 控制字符 U+0007" '响铃【U+0007】，退格'
has test_backspace_is_an_error 1 "$I/docs/$B:15:7: error: 控制字符 U+0008" ''
has test_del_is_an_error 1 "$I/docs/$B:15:11: error: 控制字符 U+007F" ''
has test_c1_control_char_is_an_error 1 "$I/docs/$B:15:16: error: 控制字符 U+0085" ''
has test_last_c1_control_char_is_an_error 1 "$I/docs/$B:15:20: error: 控制字符 U+009F" ''
has test_context_shows_other_unseen_chars_as_code_points 1 \
    "$I/docs/$B:15:16: error:" '【U+007F】，下一行【U+0085】，结束【U+009F】。'

# --- in the front matter ---------------------------------------------------

fresh frontmatter
sed -i 's/^title: 示范市行政规范性文件管理办法$/title: 示范市行政\xe2\x80\x8b规范性文件管理办法/' "$I/docs/$A"
run parse "$I"
has test_char_in_a_front_matter_value_is_an_error_at_its_column 1 \
    "$I/docs/$A:4:13: error: 不可见的格式字符 U+200B" '示范市行政【U+200B】规范性文'

fresh ini
sed -i 's/^title=示范市人民政府公报$/title=示范市\xe2\x80\x8b人民政府公报/' "$I/issue.ini"
line=$(grep -n '^title=' "$I/issue.ini" | cut -d: -f1)
run parse "$I"
has test_char_in_issue_ini_is_an_error_at_its_column 1 \
    "$I/issue.ini:$line:10: error: 不可见的格式字符 U+200B" '示范市【U+200B】人民政府'

# --- all at once -----------------------------------------------------------

fresh many
ins "$I/docs/$A" 15 '甲\uE010乙\u200b丙\ufffd丁\x01戊'
ins "$I/docs/$A" 11 '第二处\uE003。'
ins "$I/docs/$B" 14 '另一文件\u2060中。'
sed -i 's/^date: 2026-03-09$/date: 2026-02-30/' "$I/docs/$B"
run parse "$I"
got=$(grep -oE '^[^ ]+: error: (私用区字符|替换字符|控制字符|不可见的格式字符) U\+[0-9A-F]+' "$tmp/err" \
    | sed "s|^$I/docs/||; s/ error: [^ ]* / /" | tr '\n' ' ')
want="$A:12:4: U+E003 $A:18:2: U+E010 $A:18:4: U+200B $A:18:6: U+FFFD $A:18:8: U+0001 $B:15:5: U+2060 "
if [ "$status" = 1 ] && [ "$got" = "$want" ]; then
	ok test_every_char_error_of_several_files_in_one_run
else
	not_ok test_every_char_error_of_several_files_in_one_run "exit $status" "got:  $got" "want: $want"
fi
has test_char_errors_come_with_the_other_errors_of_the_issue 1 "$I/docs/$B:7: error:" '2026-02-30'

# --- BOM -------------------------------------------------------------------

fresh bom
printf '\xef\xbb\xbf' | cat - "$I/docs/$B" >"$tmp/bom.md" && mv "$tmp/bom.md" "$I/docs/$B"
run parse "$I"
if [ "$status" = 0 ] && [ "$(count "$CHARKINDS")" = 0 ]; then ok test_bom_at_file_start_is_no_error
else not_ok test_bom_at_file_start_is_no_error "exit $status" "$(head -3 "$tmp/err")"; fi
ins "$I/docs/$B" 14 '\ufeff中间的BOM'
run parse "$I"
# the first BOM is not counted: the second stands at column 1 of line 15
has test_bom_inside_the_text_is_an_error 1 "$I/docs/$B:15:1: error: 不可见的格式字符 U+FEFF" '【U+FEFF】中间的BO'

# --- fonts -----------------------------------------------------------------

# U+31350 (CJK Extension H) and U+10480 (Osmanya): no shipped font has them
fresh nofont
ins "$I/docs/$B" 14 '吃\U00031350面，\U00010480字。'
run parse "$I"
has test_char_no_font_covers_is_refused_at_parse 1 \
    "$I/docs/$B:15:2: error: 字符“"$'\U00031350'"”（U+31350" '吃'$'\U00031350''面，'$'\U00010480''字。'
has test_char_no_font_covers_error_names_the_layout 1 "$I/docs/$B:15:2: error:" '版式 gazette-a4 的字体都没有这个字'
has test_char_of_another_script_no_font_covers_is_refused 1 "$I/docs/$B:15:5: error: 字符“"$'\U00010480'"”（U+10480" ''
sed -i 's/^layout=.*/layout=gbt9704/' "$I/issue.ini"
run parse "$I"
has test_char_no_font_covers_names_the_issues_layout 1 "$I/docs/$B:15:2: error:" '版式 gbt9704 的字体'

# --- what is no error ------------------------------------------------------

run parse "$sample"
if [ "$status" = 0 ] && [ "$(count "$CHARKINDS|char-no-fonts|字体配置")" = 0 ]; then
	ok test_sample_issue_has_no_character_error
else
	not_ok test_sample_issue_has_no_character_error "exit $status" "$(grep error "$tmp/err" | head -3)"
fi

fresh ordinary
ins "$I/docs/$B" 14 '制表符\x09在文中，全角空格　与不换行空格\u00a0、CRLF 行尾\x0d'
ins "$I/docs/$B" 12 '𰻞字有字体（霞鹜文楷），〇与㐀亦然。'
run parse "$I"
if [ "$status" = 0 ] && [ "$(count "$CHARKINDS")" = 0 ]; then ok test_tab_cr_and_rare_covered_chars_are_no_error
else not_ok test_tab_cr_and_rare_covered_chars_are_no_error "exit $status" "$(head -3 "$tmp/err")"; fi

# --- the typesetter: no private-use glyph, no empty quotes -----------------

run parse -o "$tmp/sample.tree" "$sample"
# inject NAME CHAR: the sample's tree with CHAR (an escape) in 现予公布 of its
# first paragraph (docs/$A:10), as $tmp/NAME.tree
inject() {
	python3 - "$tmp/sample.tree" "$tmp/$1.tree" "$2" <<'EOF'
import sys
src, dst, ch = sys.argv[1], sys.argv[2], sys.argv[3].encode().decode('unicode_escape')
text = open(src, encoding='utf-8').read()
i = text.index('现予公布')
open(dst, 'w', encoding='utf-8').write(text[:i] + '现予' + ch + '公布' + text[i + 4:])
EOF
}
inject pua '\ue003'
run typeset -o "$tmp/pua.pages" "$tmp/pua.tree"
has test_typeset_uses_no_fonts_private_use_glyph 1 \
    "$sample/docs/$A:10: error: 字符“【U+E003】”（U+E003）无可用字体" ''
# what the terminal shows as empty quotes: the character itself
if grep -qF $'\ue003' "$tmp/err"; then
	not_ok test_typeset_no_font_message_never_shows_the_unseen_char_itself "$(cat "$tmp/err")"
else ok test_typeset_no_font_message_never_shows_the_unseen_char_itself; fi
# the character parse refuses for want of a font, the typesetter refuses too
inject ext-h '\U00031350'
run typeset -o "$tmp/ext-h.pages" "$tmp/ext-h.tree"
has test_typeset_agrees_with_parse_on_a_char_no_font_covers 1 \
    "$sample/docs/$A:10: error: 字符“"$'\U00031350'"”（U+31350）无可用字体" ''

run typeset -o "$tmp/sample.pages" "$tmp/sample.tree"
if [ "$status" = 0 ]; then ok test_typeset_sets_the_sample_issue_parse_accepts
else not_ok test_typeset_sets_the_sample_issue_parse_accepts "exit $status" "$(head -3 "$tmp/err")"; fi

# --- the corpus: its zero-width spaces, one error each ----------------------

src=${GONGBAO_CORPUS:-$top/../shared/corpus/行政法规}
if [ ! -d "$src" ]; then
	skip test_corpus_zero_width_spaces_are_one_error_each "no corpus at $src"
else
	"$top/tests/import-corpus.sh" "$src" "$tmp/corpus" 2>/dev/null
	run parse "$tmp/corpus"
	# where they are, found without gongbao: FILE:LINE: of each U+200B
	want=$(cd "$tmp/corpus/docs" && grep -n -o $'\u200b' -- *.md | cut -d: -f1,2 | sort | tr '\n' ' ')
	got=$(grep -E ': error: 不可见的格式字符 U\+200B ' "$tmp/err" | sed "s|^$tmp/corpus/docs/||" \
	    | cut -d: -f1,2 | sort | tr '\n' ' ')
	others=$(count "$CHARKINDS")
	if [ "$status" = 1 ] && [ -n "$want" ] && [ "$got" = "$want" ] \
	    && [ "$others" = "$(echo "$want" | wc -w)" ]; then
		ok test_corpus_zero_width_spaces_are_one_error_each
	else
		not_ok test_corpus_zero_width_spaces_are_one_error_each "exit $status, $others errors" \
		    "got:  $got" "want: $want"
	fi
fi

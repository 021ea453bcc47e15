/* Unit tests of pipeline/cjk.c and fonts.c: the line rules of Chinese text,
 * each test one fact, on the real fonts of fonts/fonts.conf. */
#include <math.h>

#include "cjk.h"
#include "fonts.h"
#include "layout.h"
#include "t.h"

static gb_fonts *fonts;
static GArray *glyphs, *lines;

static const gb_textstyle song12 = { GB_ROLE_SONG, 12, 0, 0 };

/* Sets TEXT in lines of M (first line M too); returns the line count. */
static int
set(const gb_textstyle *st, const char *text, double m)
{
	gunichar missing = 0;
	cjk_shape(fonts, st, text, glyphs, &missing);
	cjk_break(glyphs, m, m, lines);
	return (int)lines->len;
}

static const gb_glyph *
G(int i)
{
	return &g_array_index(glyphs, gb_glyph, i);
}

static const gb_line *
L(int i)
{
	return &g_array_index(lines, gb_line, i);
}

static const char *para =
    "为深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署，“十四五”时期，"
    "各地区各部门（单位）要坚持以人民为中心——把公开透明作为政府工作的基本制度……"
    "《中华人民共和国政府信息公开条例》规定：行政机关应当主动公开本行政机关的政府信息。"
    "对于“放管服”改革、优化营商环境等重点领域，要进一步加大公开力度，做好政策解读和回应关切。";

TEST(test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_mark)
{
	for (double ems = 5; ems <= 30; ems += 0.5) {
		int n = set(&song12, para, ems * 12);
		for (int i = 0; i < n; i++) {
			const gb_glyph *first = G(L(i)->start), *last = G(L(i)->end - 1);
			CHECK(first->cls != GB_CL_CLOSE);
			CHECK(i == 0 || first->cls != GB_CL_DASH);
			CHECK(last->cls != GB_CL_OPEN);
		}
	}
}

/* A table column as narrow as its widest unit: “（市）、” fits there only
 * with its punctuation squeezed, and must not be cut before the “、”. */
TEST(test_a_unit_that_fits_only_squeezed_is_squeezed_not_cut)
{
	const char *cell = "各县（市）、区人民政府";
	set(&song12, cell, 1e6);
	double narrow = cjk_widest_unit(glyphs);
	CHECK(narrow < 3.6 * 12);
	int n = set(&song12, cell, narrow);
	for (int i = 0; i < n; i++)
		CHECK(G(L(i)->start)->cls != GB_CL_CLOSE);
	for (double ems = 2; ems <= 6; ems += 0.25) {
		n = set(&song12, cell, ems * 12 < narrow ? narrow : ems * 12);
		for (int i = 0; i < n; i++)
			CHECK(G(L(i)->start)->cls != GB_CL_CLOSE);
	}
}

TEST(test_dash_and_ellipsis_are_never_split)
{
	for (double ems = 5; ems <= 30; ems += 0.5) {
		int n = set(&song12, para, ems * 12);
		for (int i = 1; i < n; i++) {
			const gb_glyph *prev = G(L(i)->start - 1), *first = G(L(i)->start);
			CHECK(!(prev->cls == GB_CL_DASH && first->cls == GB_CL_DASH));
		}
	}
}

TEST(test_period_before_closing_quote_takes_one_and_a_half_em)
{
	set(&song12, "他说：“好。”然后走了。", 100 * 12);
	double x[32];
	cjk_place(glyphs, L(0), 100 * 12, FALSE, 0, x);
	/* 。 at 5, ” at 6, 然 at 7 */
	CHECK_INT(G(5)->cp, 0x3002);
	CHECK_NEAR(x[7] - x[5], 1.5 * 12, 0.01);
	/* ：“ too: the colon loses its blank right */
	CHECK_NEAR(x[4] - x[2], 1.5 * 12, 0.01);
}

TEST(test_closing_bracket_before_comma_is_compressed)
{
	set(&song12, "部门（单位）、街道", 100 * 12);
	double x[32];
	cjk_place(glyphs, L(0), 100 * 12, FALSE, 0, x);
	CHECK_NEAR(x[7] - x[5], 1.5 * 12, 0.01);
}

TEST(test_line_end_period_is_squeezed_rather_than_pushed_down)
{
	/* ten ideographs and 。 in ten and a half ems: one line */
	int n = set(&song12, "一二三四五六七八九十。", 10.5 * 12);
	CHECK_INT(n, 1);
	CHECK_NEAR(cjk_line_width(glyphs, L(0)), 10.5 * 12, 0.01);
	/* in ten ems it cannot: 十。 go down together */
	n = set(&song12, "一二三四五六七八九十。", 10 * 12);
	CHECK_INT(n, 2);
	CHECK_INT(L(1)->start, 9);
}

TEST(test_full_lines_end_exactly_at_the_measure)
{
	for (double ems = 8; ems <= 30; ems += 1.25) {
		double m = ems * 12;
		int n = set(&song12, para, m);
		for (int i = 0; i < n; i++) {
			double x[128];
			int len = L(i)->end - L(i)->start;
			CHECK(len <= 128);
			double w = cjk_place(glyphs, L(i), m, TRUE, 12.0 / 1000, x);
			if (!L(i)->last) {
				CHECK_NEAR(w, m, 0.01);
				/* the last visible character's right edge is the measure */
				int k = len - 1;
				while (k > 0 && G(L(i)->start + k)->cls == GB_CL_SPACE)
					k--;
				const gb_glyph *last = G(L(i)->start + k);
				/* its em box ends at the measure, or a line-end mark
				 * squeezed for push-in reaches at most its blank half
				 * beyond (its ink stays inside) */
				double right = x[k] - last->xoff + last->adv;
				CHECK(right > m - 0.01 && right < m + last->squeeze + 0.01);
			}
		}
	}
}

TEST(test_a_lone_space_in_chinese_text_is_not_stretched_more_than_other_gaps)
{
	const char *t = "各部门要 加强统筹协调，认真抓好落实工作任务，确保各项要求落到实处取得实效。";
	int n = set(&song12, t, 13.3 * 12);
	CHECK(n >= 2);
	double x[64];
	int len = L(0)->end - L(0)->start;
	cjk_place(glyphs, L(0), 13.3 * 12, TRUE, 0, x);
	double extra0 = -1;
	for (int i = 0; i + 1 < len; i++) {
		const gb_glyph *g = G(L(0)->start + i);
		double stretch = x[i + 1] - x[i] - g->adv + G(L(0)->start + i + 1)->xoff - g->xoff;
		if (extra0 < 0)
			extra0 = stretch;
		CHECK_NEAR(stretch, extra0, 0.01);
		if (g->cls == GB_CL_SPACE)
			CHECK(x[i + 1] - x[i] <= 12 * 0.25 + extra0 + 0.01);
	}
}

/* With the design unit given, every gap is a whole number of units (what a
 * PDF's TJ array counts in), the first ones at most one unit wider than the
 * rest, a space no wider than a character gap, and the line still ends at
 * the measure: the last gap takes the fraction of a unit left. */
TEST(test_justified_gaps_are_whole_units_and_the_line_still_ends_at_the_measure)
{
	const char *t = "各部门要 加强统筹协调，认真抓好落实工作任务，确保各项要求落到实处取得实效。";
	const double unit = 12.0 / 1000, m = 13.3 * 12;
	int n = set(&song12, t, m);
	CHECK(n >= 2);
	double x[64];
	int len = L(0)->end - L(0)->start;
	CHECK(len >= 4 && len <= 64);
	double w = cjk_place(glyphs, L(0), m, TRUE, unit, x);
	CHECK_NEAR(w, m, 0.001);
	double narrowest = 1e9, widest = -1;
	for (int i = 0; i + 2 < len; i++) {
		const gb_glyph *g = G(L(0)->start + i);
		double stretch = x[i + 1] - x[i] - g->adv + G(L(0)->start + i + 1)->xoff - g->xoff;
		double units = stretch / unit;
		CHECK_NEAR(units, round(units), 0.001);
		narrowest = MIN(narrowest, stretch);
		widest = MAX(widest, stretch);
	}
	CHECK(widest - narrowest <= unit + 1e-6);
	CHECK(narrowest > 0);
	/* the last visible character still ends at the measure */
	const gb_glyph *last = G(L(0)->end - 1);
	CHECK_NEAR(x[len - 1] - last->xoff + last->adv, m, 0.01);
}

TEST(test_gbt9704_full_line_holds_28_characters)
{
	GError *e = NULL;
	gb_layout *l = layout_load("layouts/gbt9704.ini", &e);
	CHECK(l != NULL);
	if (!l) {
		g_clear_error(&e);
		return;
	}
	const gb_style *b = &l->styles[GB_STYLE_BODY];
	gb_textstyle st = { b->role, b->size, b->tracking, l->cjk_latin_space };
	GString *s = g_string_new("");
	for (int i = 0; i < 60; i++)
		g_string_append(s, "政");
	int n = set(&st, s->str, l->body_width);
	CHECK_INT(n, 3);
	CHECK_INT(L(0)->end - L(0)->start, 28);
	CHECK_INT(L(1)->end - L(1)->start, 28);
	CHECK_NEAR(b->size, 16, 0.001);
	CHECK_NEAR(b->pitch * 22, l->body_height, 0.01);
	g_string_free(s, TRUE);
	layout_free(l);
}

TEST(test_cjk_latin_space_between_ideograph_and_letter_but_not_at_line_end_nor_beside_punctuation)
{
	gb_textstyle st = song12;
	st.cjk_latin_space = 0.25;
	set(&st, "中A，B中", 100 * 12);
	CHECK_NEAR(G(0)->space_after, 3, 0.001);	/* 中|A */
	CHECK_NEAR(G(1)->space_after, 0, 0.001);	/* A|， */
	CHECK_NEAR(G(2)->space_after, 0, 0.001);	/* ，|B */
	CHECK_NEAR(G(3)->space_after, 3, 0.001);	/* B|中 */
	/* at a line end the space is dropped: 中 then the break, A on the next line */
	int n = set(&st, "一二三四五六七八九中ABCDEF", 10 * 12);
	CHECK_INT(n, 2);
	CHECK_INT(L(0)->end, 10);
	CHECK_NEAR(cjk_line_width(glyphs, L(0)), 10 * 12, 0.01);
}

TEST(test_a_latin_word_is_never_split)
{
	int n = set(&song12, "依据GB/T 9704-2012标准执行公文格式要求和规范", 8 * 12);
	for (int i = 1; i < n; i++)
		CHECK(!(G(L(i)->start - 1)->cls == GB_CL_LATIN && G(L(i)->start)->cls == GB_CL_LATIN));
}

TEST(test_paragraph_does_not_end_with_a_lone_character)
{
	/* 21 characters and 。 in 20 ems: not 20 + "字。" but 19 + "字字。" */
	int n = set(&song12, "一二三四五六七八九十一二三四五六七八九十字。", 20 * 12);
	CHECK_INT(n, 2);
	CHECK_INT(L(1)->end - L(1)->start, 3);
	double x[32];
	CHECK_NEAR(cjk_place(glyphs, L(0), 20 * 12, TRUE, 12.0 / 1000, x), 20 * 12, 0.01);
}

TEST(test_half_width_brackets_in_chinese_text_keep_the_line_rules)
{
	for (double ems = 4; ems <= 12; ems += 0.5) {
		int n = set(&song12, "县(市)、区人民政府和乡(镇)人民政府,以及街道(社区)办事处", ems * 12);
		for (int i = 0; i < n; i++) {
			CHECK(G(L(i)->start)->cp != ')' && G(L(i)->start)->cp != ',');
			CHECK(G(L(i)->end - 1)->cp != '(');
		}
	}
}

TEST(test_character_without_any_font_is_reported)
{
	gunichar missing = 0;
	gboolean ok = cjk_shape(fonts, &song12, "正常\xee\x80\x80文字", glyphs, &missing);
	CHECK(!ok);
	CHECK_INT(missing, 0xE000);
	ok = cjk_shape(fonts, &song12, "喆堃𠮷", glyphs, &missing);
	CHECK(ok);
}

TEST(test_rare_character_falls_back_to_another_role)
{
	GError *e = NULL;
	gb_fonts *f = fonts_load("tests/data/typeset/fonts-ukai.conf", &e);
	CHECK(f != NULL);
	if (!f) {
		g_clear_error(&e);
		return;
	}
	int kai = fonts_role_face(f, GB_ROLE_KAI);
	int face = fonts_face_for(f, GB_ROLE_KAI, 0x20BB7);
	CHECK(face >= 0);
	CHECK(face != kai);
	CHECK_INT(fonts_face_for(f, GB_ROLE_KAI, 0x653F), kai);	/* 政 in its own role */
	fonts_free(f);
}

TEST(test_halt_and_ink_agree_on_where_the_blank_is)
{
	/* Noto (halt) and LXGW WenKai (no GPOS: ink) */
	for (int role = 0; role < GB_ROLE_COUNT; role++) {
		int face = fonts_role_face(fonts, role);
		CHECK_INT(fonts_blank(fonts, face, 0x3002), GB_BLANK_RIGHT);	/* 。 */
		CHECK_INT(fonts_blank(fonts, face, 0xFF08), GB_BLANK_LEFT);	/* （ */
		CHECK_INT(fonts_blank(fonts, face, 0x300B), GB_BLANK_RIGHT);	/* 》 */
		CHECK_INT(fonts_blank(fonts, face, 0x4E2D), GB_BLANK_NONE);	/* 中 */
	}
}

/* --- the punctuation classes and cjk_wrap ------------------------------- */

/* Each of TEXT's characters has class CLS. */
static void
check_class(const char *text, gb_punct cls)
{
	for (const char *p = text; *p; p = g_utf8_next_char(p))
		if (cjk_class_of(g_utf8_get_char(p)) != cls) {
			t_failed_checks++;
			fprintf(stderr, "    class of %.4s is %d, expected %d\n", p,
			    cjk_class_of(g_utf8_get_char(p)), cls);
		}
}

TEST(test_class_of_names_each_kind_of_mark)
{
	check_class("（《「『“‘〔【〈〖［｛", GB_PUNCT_OPEN);
	check_class("）》」』”’〕】〉〗］｝", GB_PUNCT_CLOSE);
	check_class("，。、；：？！．", GB_PUNCT_STOP);
	check_class("·・‧", GB_PUNCT_DOT);
	check_class("—―…⋯⸺", GB_PUNCT_DASH);
	check_class("％‰℃°", GB_PUNCT_SIGN);
	check_class("　〃々〒０Ａｚ～︰„", GB_PUNCT_FORM);
	check_class("中国aZ09,.()-", GB_PUNCT_NONE);
}

TEST(test_opening_and_closing_marks_are_told_apart)
{
	CHECK(cjk_is_opening(0xFF08) && !cjk_is_closing(0xFF08));	/* （ */
	CHECK(cjk_is_closing(0xFF09) && !cjk_is_opening(0xFF09));	/* ） */
	CHECK(cjk_is_closing(0x3002));	/* 。 */
	CHECK(cjk_is_closing(0xFF05));	/* ％ */
	CHECK(!cjk_is_opening(0x4E2D) && !cjk_is_closing(0x4E2D));	/* 中 */
}

TEST(test_line_rules_hold_for_marks_and_their_half_width_twins)
{
	const char *no_start = "，。、；：？！）》」』”’〕】％℃—…·,.;:?!)]}%";
	for (const char *p = no_start; *p; p = g_utf8_next_char(p))
		CHECK(cjk_no_line_start(g_utf8_get_char(p)));
	const char *no_end = "（《「『“‘〔【·([{";
	for (const char *p = no_end; *p; p = g_utf8_next_char(p))
		CHECK(cjk_no_line_end(g_utf8_get_char(p)));
	CHECK(!cjk_no_line_start(0xFF08) && !cjk_no_line_end(0xFF09));
	CHECK(!cjk_no_line_start(0x4E2D) && !cjk_no_line_end(0x4E2D));
	CHECK(!cjk_no_line_start('a') && !cjk_no_line_end('a') && !cjk_no_line_start(0));
}

TEST(test_break_classes_follow_the_punctuation_classes)
{
	CHECK_INT(cjk_class(0x300A), GB_CL_OPEN);	/* 《 */
	CHECK_INT(cjk_class(0xFF0C), GB_CL_CLOSE);	/* ， */
	CHECK_INT(cjk_class(0x2103), GB_CL_CLOSE);	/* ℃ */
	CHECK_INT(cjk_class(0x00B7), GB_CL_GLUE);	/* · */
	CHECK_INT(cjk_class(0x2E3A), GB_CL_DASH);	/* ⸺ */
	CHECK_INT(cjk_class(0x3000), GB_CL_IDEO);	/* the ideographic space is a character */
	CHECK_INT(cjk_class(0xFF10), GB_CL_IDEO);	/* ０ */
	CHECK_INT(cjk_class(0x4E2D), GB_CL_IDEO);
	CHECK_INT(cjk_class('a'), GB_CL_LATIN);
	CHECK_INT(cjk_class(0xA0), GB_CL_SPACE);
}

TEST(test_blank_half_is_on_stops_brackets_and_quotes_but_not_square_or_curly)
{
	const char *with = "，。、；：？！（）《》「」『』〈〉【】〔〕〖〗“”‘’．";
	for (const char *p = with; *p; p = g_utf8_next_char(p))
		CHECK(cjk_has_blank_half(g_utf8_get_char(p)));
	const char *without = "［］｛｝—…·％中a,(";
	for (const char *p = without; *p; p = g_utf8_next_char(p))
		CHECK(!cjk_has_blank_half(g_utf8_get_char(p)));
}

TEST(test_full_width_is_cjk_letters_and_marks_not_latin_nor_half_width_signs)
{
	CHECK(cjk_is_han(0x4E2D) && cjk_is_han(0x3042) && cjk_is_han(0x3007));	/* 中 あ 〇 */
	CHECK(!cjk_is_han(0xFF0C) && !cjk_is_han('a'));
	CHECK(cjk_is_punctuation(0xFF0C) && cjk_is_punctuation(0x3000) && cjk_is_punctuation(0xFF05));
	CHECK(cjk_is_punctuation(0x201C) && cjk_is_punctuation(0x2014) && cjk_is_punctuation(0xB7));
	CHECK(!cjk_is_punctuation(0x2103) && !cjk_is_punctuation(0xB0) && !cjk_is_punctuation(','));
	CHECK(cjk_is_full_width(0x4E2D) && cjk_is_full_width(0x3002));
	CHECK(!cjk_is_full_width('a') && !cjk_is_full_width('1') && !cjk_is_full_width(0xE9));
}

/* Every character 10 wide. */
static double
ten_each(const char *text, gsize len, gpointer data)
{
	(void)data;
	return 10.0 * (double)g_utf8_strlen(text, (gssize)len);
}

/* TEXT wrapped at WIDTH, the lines joined with '|'. */
static char *
wrapped(const char *text, double width)
{
	GPtrArray *lines = cjk_wrap(text, width, ten_each, NULL);
	g_ptr_array_add(lines, NULL);
	char *joined = g_strjoinv("|", (char **)lines->pdata);
	g_ptr_array_unref(lines);
	return joined;
}

TEST(test_wrap_fills_each_line_to_the_width)
{
	char *w = wrapped("一二三四五六七八九十", 40);
	CHECK_STR(w, "一二三四|五六七八|九十");
	g_free(w);
	w = wrapped("一二三", 30);
	CHECK_STR(w, "一二三");
	g_free(w);
	w = wrapped("", 30);
	CHECK_STR(w, "");
	g_free(w);
}

TEST(test_wrap_takes_the_character_before_a_closing_mark_along)
{
	char *w = wrapped("一二三四。五六", 40);
	CHECK_STR(w, "一二三|四。五六");
	g_free(w);
	w = wrapped("一二三四。”五六", 40);	/* two marks: both stay with 四 */
	CHECK_STR(w, "一二三|四。”五|六");
	g_free(w);
	w = wrapped("一二三四,五", 40);	/* a half-width comma too */
	CHECK_STR(w, "一二三|四,五");
	g_free(w);
}

TEST(test_wrap_moves_an_opening_mark_to_the_next_line)
{
	char *w = wrapped("一二三《四五》", 40);
	CHECK_STR(w, "一二三|《四五》");
	g_free(w);
}

TEST(test_wrap_cuts_a_line_of_nothing_but_marks_where_it_is_full)
{
	char *w = wrapped("。。。。。。", 40);
	CHECK_STR(w, "。。。。|。。");
	g_free(w);
	w = wrapped("一二", 5);	/* narrower than one character */
	CHECK_STR(w, "一|二");
	g_free(w);
}

int
main(void)
{
	GError *e = NULL;
	fonts = fonts_load("fonts/fonts.conf", &e);
	if (!fonts) {
		printf("not ok fonts_load: %s\n", e->message);
		g_error_free(e);
		return 1;
	}
	glyphs = g_array_new(FALSE, FALSE, sizeof(gb_glyph));
	lines = g_array_new(FALSE, FALSE, sizeof(gb_line));
	RUN(test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_mark);
	RUN(test_a_unit_that_fits_only_squeezed_is_squeezed_not_cut);
	RUN(test_dash_and_ellipsis_are_never_split);
	RUN(test_period_before_closing_quote_takes_one_and_a_half_em);
	RUN(test_closing_bracket_before_comma_is_compressed);
	RUN(test_line_end_period_is_squeezed_rather_than_pushed_down);
	RUN(test_full_lines_end_exactly_at_the_measure);
	RUN(test_justified_gaps_are_whole_units_and_the_line_still_ends_at_the_measure);
	RUN(test_a_lone_space_in_chinese_text_is_not_stretched_more_than_other_gaps);
	RUN(test_gbt9704_full_line_holds_28_characters);
	RUN(test_cjk_latin_space_between_ideograph_and_letter_but_not_at_line_end_nor_beside_punctuation);
	RUN(test_a_latin_word_is_never_split);
	RUN(test_paragraph_does_not_end_with_a_lone_character);
	RUN(test_half_width_brackets_in_chinese_text_keep_the_line_rules);
	RUN(test_character_without_any_font_is_reported);
	RUN(test_rare_character_falls_back_to_another_role);
	RUN(test_halt_and_ink_agree_on_where_the_blank_is);
	RUN(test_class_of_names_each_kind_of_mark);
	RUN(test_opening_and_closing_marks_are_told_apart);
	RUN(test_line_rules_hold_for_marks_and_their_half_width_twins);
	RUN(test_break_classes_follow_the_punctuation_classes);
	RUN(test_blank_half_is_on_stops_brackets_and_quotes_but_not_square_or_curly);
	RUN(test_full_width_is_cjk_letters_and_marks_not_latin_nor_half_width_signs);
	RUN(test_wrap_fills_each_line_to_the_width);
	RUN(test_wrap_takes_the_character_before_a_closing_mark_along);
	RUN(test_wrap_moves_an_opening_mark_to_the_next_line);
	RUN(test_wrap_cuts_a_line_of_nothing_but_marks_where_it_is_full);
	g_array_free(glyphs, TRUE);
	g_array_free(lines, TRUE);
	fonts_free(fonts);
	return 0;
}

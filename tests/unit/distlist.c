/* distlist.c — unit tests of an issue's distribution documents: who gets
 * paper in which order, the totals, binding, the BagIt package and the
 * label font check. */
#include "distlist.h"
#include "t.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#define LABEL_FONT "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

static gb_recipient *
recipient(const char *id, const char *category, const char *district, int copies,
    gboolean electronic)
{
	gb_recipient *r = gb_recipient_new();
	const char *v[GB_RF_COUNT] = { id, "单位", category, "310002", district, "解放路1号", "王敏",
		"0571-87012345", "0", electronic ? "yes" : "no" };
	char *n = g_strdup_printf("%d", copies);
	v[GB_RF_COPIES] = n;
	for (int f = 0; f < GB_RF_COUNT; f++)
		gb_recipient_set(r, f, v[f]);
	g_free(n);
	GPtrArray *faults = g_ptr_array_new_with_free_func(g_free);
	gb_recipient_check(r, faults);
	g_ptr_array_unref(faults);
	return r;
}

static GPtrArray *
sample(void)
{
	GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)gb_recipient_free);
	g_ptr_array_add(all, recipient("R1", "公共图书馆", "西湖区", 5, TRUE));
	g_ptr_array_add(all, recipient("R2", "档案馆", "萧山区", 2, FALSE));
	g_ptr_array_add(all, recipient("R3", "档案馆", "上城区", 3, TRUE));
	g_ptr_array_add(all, recipient("R4", "国家图书馆缴送", "海淀区", 2, TRUE));
	g_ptr_array_add(all, recipient("R5", "其他", "上城区", 0, TRUE));
	g_ptr_array_add(all, recipient("R6", "档案馆", "上城区", 1, FALSE));
	g_ptr_array_add(all, recipient("R7", "村委会", "上城区", 0, FALSE));
	gb_recipient *retired = recipient("R8", "档案馆", "上城区", 4, TRUE);
	retired->active = FALSE;
	g_ptr_array_add(all, retired);
	return all;
}

static char *
ids(GPtrArray *list)
{
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < list->len; i++)
		g_string_append_printf(s, "%s%s", i ? " " : "",
		    ((gb_recipient *)list->pdata[i])->field[GB_RF_ID]);
	return g_string_free(s, FALSE);
}

TEST(test_receivers_are_active_with_paper_or_electronic_edition)
{
	GPtrArray *all = sample();
	GPtrArray *receivers = gb_dist_receivers(all);
	char *got = ids(receivers);
	CHECK_STR(got, "R1 R2 R3 R4 R5 R6");
	g_free(got);
	g_ptr_array_unref(receivers);
	g_ptr_array_unref(all);
}

TEST(test_paper_order_is_category_order_then_district_then_id)
{
	GPtrArray *all = sample();
	GPtrArray *receivers = gb_dist_receivers(all);
	GPtrArray *paper = gb_dist_paper_order(receivers);
	char *got = ids(paper);
	/* 国家图书馆缴送 before 档案馆 before 公共图书馆, as the category list */
	CHECK_STR(got, "R4 R3 R6 R2 R1");
	g_free(got);
	CHECK_INT(gb_dist_total_copies(paper), 13);
	g_ptr_array_unref(paper);
	g_ptr_array_unref(receivers);
	g_ptr_array_unref(all);
}

TEST(test_mailing_csv_has_a_subtotal_per_group_and_the_total)
{
	GPtrArray *all = sample();
	GPtrArray *receivers = gb_dist_receivers(all);
	GPtrArray *paper = gb_dist_paper_order(receivers);
	GString *csv = g_string_new(NULL);
	gb_dist_mailing_csv(csv, paper);
	CHECK(strstr(csv->str, "档案馆,上城区,R3,") != NULL);
	CHECK(strstr(csv->str, "档案馆,上城区,R6,单位,310002,解放路1号,王敏,0571-87012345,1\n"
	    "档案馆,上城区,,小计,,,,,4\n") != NULL);
	CHECK(strstr(csv->str, "档案馆,萧山区,,小计,,,,,2\n") != NULL);
	CHECK(g_str_has_suffix(csv->str, ",,,合计,,,,,13\n"));
	CHECK(g_str_has_prefix(csv->str, "category,district,id,name,postal_code,address,contact,phone,copies\n"));
	g_string_free(csv, TRUE);
	g_ptr_array_unref(paper);
	g_ptr_array_unref(receivers);
	g_ptr_array_unref(all);
}

TEST(test_binding_is_saddle_stitch_up_to_64_pages)
{
	CHECK_STR(gb_dist_binding(4), "骑马钉");
	CHECK_STR(gb_dist_binding(64), "骑马钉");
	CHECK_STR(gb_dist_binding(68), "胶装");
}

static gb_dist_issue *
fake_issue(const char *dir)
{
	gb_dist_issue *issue = g_new0(gb_dist_issue, 1);
	issue->name = g_strdup("2026-05");
	issue->title = g_strdup("示范市人民政府公报");
	issue->publisher = g_strdup("示范市人民政府办公室");
	issue->date = g_strdup("2026-03-15");
	issue->issue_text = g_strdup("2026年第5期（总第245期）");
	issue->year = 2026;
	issue->number = 5;
	issue->reserve = 20;
	issue->print_pages = 12;
	issue->web_pages = 10;
	issue->trim_w_mm = 210;
	issue->trim_h_mm = 297;
	issue->print_sha256 = g_strdup("00");
	issue->web_pdf = g_build_filename(dir, "web.pdf", NULL);
	const char *pdf = "%PDF-1.4 not really\n";
	g_file_set_contents(issue->web_pdf, pdf, -1, NULL);
	issue->web_sha256 = g_compute_checksum_for_string(G_CHECKSUM_SHA256, pdf, -1);
	issue->web_bytes = strlen(pdf);
	return issue;
}

static char *
file_text(const char *dir, const char *name)
{
	char *path = g_build_filename(dir, name, NULL), *text = NULL;
	g_file_get_contents(path, &text, NULL, NULL);
	g_free(path);
	return text ? text : g_strdup("");
}

static void
remove_tree(const char *path)
{
	GDir *dir = g_dir_open(path, 0, NULL);
	if (dir) {
		const char *name;
		while ((name = g_dir_read_name(dir))) {
			char *sub = g_build_filename(path, name, NULL);
			remove_tree(sub);
			g_free(sub);
		}
		g_dir_close(dir);
		g_rmdir(path);
	} else {
		g_unlink(path);
	}
}

TEST(test_print_order_counts_paper_copies_plus_reserve)
{
	char *dir = g_dir_make_tmp("gb-dist-XXXXXX", NULL);
	gb_dist_issue *issue = fake_issue(dir);
	GString *text = g_string_new(NULL);
	gb_dist_print_order_text(text, issue, 13);
	CHECK(strstr(text->str, "印数：33份（发行13份，留存20份）\n") != NULL);
	CHECK(strstr(text->str, "页数：12页（含补足装订的空白页2页）\n") != NULL);
	CHECK(strstr(text->str, "成品尺寸：210×297 mm\n") != NULL);
	CHECK(strstr(text->str, "装订：骑马钉\n") != NULL);
	g_string_free(text, TRUE);
	gb_dist_issue_free(issue);
	remove_tree(dir);
	g_free(dir);
}

TEST(test_bag_manifests_describe_exactly_its_files)
{
	char *dir = g_dir_make_tmp("gb-dist-XXXXXX", NULL);
	gb_dist_issue *issue = fake_issue(dir);
	gb_recipient *r = recipient("R1", "档案馆", "上城区", 1, TRUE);
	char *bag = g_build_filename(dir, "R1", NULL);
	GError *error = NULL;
	CHECK(gb_dist_write_bag(bag, issue, r, &error));
	CHECK(error == NULL);
	char *bagit = file_text(bag, "bagit.txt");
	CHECK_STR(bagit, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
	char *meta = file_text(bag, "data/metadata.json");
	char *payload = file_text(bag, "data/web.pdf");
	CHECK_STR(payload, "%PDF-1.4 not really\n");
	char *manifest = file_text(bag, "manifest-sha256.txt");
	char *meta_sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, meta, -1);
	char *want = g_strdup_printf("%s  data/metadata.json\n%s  data/web.pdf\n", meta_sha,
	    issue->web_sha256);
	CHECK_STR(manifest, want);
	char *info = file_text(bag, "bag-info.txt");
	char *oxum = g_strdup_printf("Payload-Oxum: %zu.2\n", strlen(meta) + strlen(payload));
	CHECK(strstr(info, oxum) != NULL);
	CHECK(strstr(info, "Bagging-Date: 2026-03-15\n") != NULL);
	JsonParser *parser = json_parser_new();
	CHECK(json_parser_load_from_data(parser, meta, -1, NULL));
	JsonNode *root = json_parser_get_root(parser);
	CHECK(root && JSON_NODE_HOLDS_OBJECT(root));
	if (root && JSON_NODE_HOLDS_OBJECT(root))
		CHECK_INT(json_object_get_int_member(json_node_get_object(root), "pages"), 10);
	g_object_unref(parser);
	char *tags = file_text(bag, "tagmanifest-sha256.txt");
	char *info_sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, info, -1);
	CHECK(strstr(tags, info_sha) != NULL);
	CHECK(strstr(tags, "  manifest-sha256.txt\n") != NULL);
	g_free(info_sha);
	g_free(tags);
	g_free(oxum);
	g_free(info);
	g_free(want);
	g_free(meta_sha);
	g_free(manifest);
	g_free(payload);
	g_free(meta);
	g_free(bagit);

	/* a web.pdf changed after it was checksummed never goes into a bag */
	g_file_set_contents(issue->web_pdf, "%PDF-1.4 rebuilt\n", -1, NULL);
	char *bag2 = g_build_filename(dir, "R2", NULL);
	CHECK(!gb_dist_write_bag(bag2, issue, r, &error));
	CHECK(error != NULL);
	g_clear_error(&error);
	g_free(bag2);
	g_free(bag);
	gb_recipient_free(r);
	gb_dist_issue_free(issue);
	remove_tree(dir);
	g_free(dir);
}

TEST(test_font_check_names_recipient_field_and_character)
{
	if (!g_file_test(LABEL_FONT, G_FILE_TEST_EXISTS)) {
		CHECK(!"the label font is installed");
		return;
	}
	char *dir = g_dir_make_tmp("gb-dist-XXXXXX", NULL);
	gb_dist_issue *issue = fake_issue(dir);
	GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)gb_recipient_free);
	g_ptr_array_add(all, recipient("R1", "档案馆", "上城区", 1, TRUE));
	gb_recipient *rare = recipient("R2", "档案馆", "上城区", 1, TRUE);
	gb_recipient_set(rare, GB_RF_ADDRESS, "㐀溪路1号，𠮷野町㐀");
	g_ptr_array_add(all, rare);
	GPtrArray *errors = g_ptr_array_new_with_free_func(g_free);
	CHECK(gb_dist_check_font(LABEL_FONT, issue, all, errors, NULL));
	/* one message per character, however often it stands there */
	CHECK_INT(errors->len, 2);
	if (errors->len == 2) {
		CHECK_STR(errors->pdata[0], "R2: 地址中的字符“㐀”（U+3400）标签字体无法显示");
		CHECK_STR(errors->pdata[1], "R2: 地址中的字符“𠮷”（U+20BB7）标签字体无法显示");
	}
	g_ptr_array_unref(errors);
	errors = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;
	CHECK(!gb_dist_check_font("/nonexistent.ttf", issue, all, errors, &error));
	CHECK(error != NULL);
	g_clear_error(&error);
	g_ptr_array_unref(errors);
	g_ptr_array_unref(all);
	gb_dist_issue_free(issue);
	remove_tree(dir);
	g_free(dir);
}

int
main(void)
{
	RUN(test_receivers_are_active_with_paper_or_electronic_edition);
	RUN(test_paper_order_is_category_order_then_district_then_id);
	RUN(test_mailing_csv_has_a_subtotal_per_group_and_the_total);
	RUN(test_binding_is_saddle_stitch_up_to_64_pages);
	RUN(test_print_order_counts_paper_copies_plus_reserve);
	RUN(test_bag_manifests_describe_exactly_its_files);
	RUN(test_font_check_names_recipient_field_and_character);
	return 0;
}

package handlers_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// laptopW×laptopH is the commune office's laptop.
const laptopW, laptopH = 1366, 768

// TestBrowserTimelineNamesAndDossierWarnings: on a phone and a laptop the
// plan timeline keeps every task's name in view while it scrolls sideways,
// and the dossier table gives its warnings a column wide enough to read
// (not one word, or one letter, per line).
func TestBrowserTimelineNamesAndDossierWarnings(t *testing.T) {
	e := newPageEnv(t)
	e.newTask(e.chairA, e.plan.ID, "Tổng kết chuyển đổi số và đề xuất khen thưởng các tổ công nghệ số cộng đồng",
		e.A.Office.ID, "2024-12-31")
	wantStatus(t, e.api(e.user(models.RoleChairman), "PUT", "/api/v1/dossiers/2024-Q3", map[string]any{
		"received": 500, "resolved": 450, "resolved_on_time": 470, "channels": []map[string]any{
			{"key": "online_full", "received": 300, "resolved": 280}, {"key": "in_person", "received": 150, "resolved": 140}}}),
		http.StatusOK)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	for _, size := range [][2]int64{{phoneW, phoneH}, {laptopW, laptopH}} {
		name := fmt.Sprintf("chairman-%dx%d", size[0], size[1])
		tb := b.open(t, name, size[0], size[1])
		tb.signIn(e.user(models.RoleChairman), testfix.Password, "nav.nav")
		tb.visit("/ke-hoach/"+itoa(e.plan.ID), "#timeline")
		for _, where := range []string{"0", "box.scrollWidth"} {
			problem := value(tb, "timeline names", chromedp.Evaluate[string](fmt.Sprintf(timelineNamesJS, where)))
			tb.check(problem == "", "timeline scrolled to %s: %s", where, problem)
		}
		tb.look("timeline")
		tb.visit("/ho-so?year=2024", "#dossier-list")
		tb.look("dossiers")
		problem := value(tb, "warning column", chromedp.Evaluate[string](warningColumnJS))
		tb.check(problem == "", "dossier warnings: %s", problem)
		tb.fitsWidth("the dossier page")
	}
}

// timelineNamesJS scrolls the timeline to a position and says what is
// wrong with its names column: missing, a name outside the box, or covered
// by the chart.
const timelineNamesJS = `(() => {
	const box = document.querySelector("#timeline");
	box.scrollLeft = %s;
	const names = box.querySelectorAll(".tl-names li");
	if (names.length === 0) return "no task names beside the chart";
	const b = box.getBoundingClientRect(), dots = box.querySelectorAll("svg circle");
	for (const [i, li] of names.entries()) {
		scrollTo(0, li.getBoundingClientRect().top + scrollY - innerHeight / 2); // the page, not the box
		const r = li.getBoundingClientRect();
		if (r.left < b.left - 0.5 || r.right > b.right + 0.5) return "“" + li.innerText + "” is outside the box";
		const dot = dots[i].getBoundingClientRect(), off = (r.top + r.bottom - dot.top - dot.bottom) / 2;
		if (Math.abs(off) > 2) return "“" + li.innerText + "” is " + off.toFixed(1) + " px off its row";
		if (r.width < 100) return "“" + li.innerText + "” has " + r.width + " px";
		const hit = document.elementFromPoint(r.left + 20, r.top + r.height / 2);
		if (!hit || !li.contains(hit)) return "“" + li.innerText + "” is covered by " + (hit ? hit.tagName : "nothing");
	}
	return "";
})()`

// warningColumnJS measures the warning cells of the dossier table: at
// least 12rem wide, at least 12 characters on each line of text, wholly in
// view when the table is scrolled to its end (not under the sticky period
// column), and on a laptop in sight without scrolling the table.
const warningColumnJS = `(() => {
	const cells = [...document.querySelectorAll("#dossier-list tbody td:last-child")].filter(td => td.innerText.trim());
	if (cells.length === 0) return "no warning in the table";
	const wrap = document.querySelector("#dossier-list").closest(".table-wrap");
	if (innerWidth >= 1000 && wrap.scrollWidth > wrap.clientWidth + 1) {
		return "the table needs " + wrap.scrollWidth + " px of " + wrap.clientWidth + " px on a laptop: the warnings are out of sight";
	}
	wrap.scrollLeft = wrap.scrollWidth; // the warnings are the last column: all of it in view, none under the names
	const names = cells[0].parentElement.querySelector("th").getBoundingClientRect(), box = wrap.getBoundingClientRect();
	for (const td of cells) {
		const r = td.getBoundingClientRect();
		if (r.left < names.right - 1 || r.right > box.right + 1) {
			return "a warning cell (" + Math.round(r.left) + ".." + Math.round(r.right) + ") is partly under the period column (to " +
				Math.round(names.right) + ") or outside the table (to " + Math.round(box.right) + ")";
		}
	}
	const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
	for (const td of cells) {
		const w = td.getBoundingClientRect().width;
		if (w < 12 * rem) return "a warning cell is " + Math.round(w) + " px wide";
		const tops = new Set(), walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const range = document.createRange();
			range.selectNodeContents(n);
			for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
		}
		const perLine = td.innerText.trim().length / tops.size;
		if (perLine < 12) return "the warning runs " + perLine.toFixed(1) + " characters a line over " + tops.size + " lines";
	}
	return "";
})()`

package handlers_test

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// minTarget is the smallest tap target in CSS px (WCAG 2.5.5, and the size
// a thumb hits without a second try).
const minTarget = 44

// tapPages are the pages every role opens (a page a role may not use shows
// the 403 page, which is measured too); paths are filled per world.
func tapPages(e *pageEnv) []string {
	plan, task := "/ke-hoach/"+itoa(e.plan.ID), "/nhiem-vu/"+itoa(e.mine.ID)
	return []string{"/viec-cua-toi", "/tong-quan", "/ke-hoach", "/ke-hoach/moi", plan, plan + "/sua",
		plan + "/nhan-ban", plan + "/nhiem-vu/moi", task, task + "/sua", task + "/bao-cao", "/thong-bao",
		"/tai-khoan", "/doi-mat-khau", "/chi-tieu?year=2024", "/ho-so?year=2024",
		"/bao-cao-dinh-ky?year=2024&ky=M9", "/chat-luong-du-lieu?year=2024", "/quan-tri/nguoi-dung",
		"/quan-tri/nguoi-dung/" + itoa(e.A.Users[models.RoleTeamMember].ID), "/quan-tri/don-vi",
		"/quan-tri/lich", "/quan-tri/nhac-viec", "/quan-tri/webhook"}
}

// smallTargets lists, for the page in the tab, every visible link, button,
// input, select, textarea and summary smaller than minTarget in either
// direction, as "tag#id.class “text” w×h".
//
// Exempt, by WCAG 2.5.8's "inline" exception (the target is in a sentence,
// its size constrained by the line height of non-target text): a link
// drawn inline that shares a line box with text of its block that is not
// itself a target. A checkbox or radio button wrapped in its <label> is
// measured as the label, which is what a tap on it hits.
const smallTargetsJS = `(() => {
	const min = %d, out = [];
	const targets = "a[href], button, input:not([type=hidden]), select, textarea, summary";
	const sharesLineWithText = (el, r) => {
		let block = el.parentElement;
		while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
		const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			if (!n.textContent.trim() || n.parentElement.closest(targets)) continue;
			const range = document.createRange();
			range.selectNodeContents(n);
			for (const t of range.getClientRects()) {
				if (t.width > 0 && t.top < r.bottom - 1 && t.bottom > r.top + 1) return true;
			}
		}
		return false;
	};
	for (const el of document.querySelectorAll(targets)) {
		let box = el;
		if ((el.type === "checkbox" || el.type === "radio") && el.closest("label")) box = el.closest("label");
		const style = getComputedStyle(box);
		if (style.visibility === "hidden" || box.getClientRects().length === 0) continue;
		const r = box.getBoundingClientRect();
		if (r.width <= 1 && r.height <= 1) continue;          // visually hidden (screen-reader text)
		if (r.right <= 0 || r.bottom <= 0) continue;           // parked off screen, like the skip link
		if (r.width >= min - 0.5 && r.height >= min - 0.5) continue;
		if (el.tagName === "A" && style.display === "inline" && sharesLineWithText(el, r)) continue;
		const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
			(el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") +
			(el.name ? "[name=" + el.name + "]" : "");
		const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 30);
		out.push(name + " “" + text + "” " + Math.round(r.width) + "×" + Math.round(r.height));
	}
	return out;
})()`

// menuProblems lists the entries of the main navigation that a person on
// the tab's screen cannot reach: outside the screen, hidden by the menu's
// own scrolling, or covered by something else. The menu may be folded
// behind a "Menu" button (details/summary): it is opened first.
const menuProblemsJS = `(() => {
	const out = [];
	document.querySelectorAll("details.menu:not([open]) > summary").forEach(s => s.click());
	const nav = document.querySelector("nav.nav");
	if (!nav) return ["no main navigation"];
	for (const box of [nav, ...nav.querySelectorAll("*")]) {
		if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible") {
			out.push("the menu scrolls sideways (" + box.scrollWidth + " px in " + box.clientWidth + " px)");
		}
	}
	for (const a of nav.querySelectorAll("a[href]")) {
		a.scrollIntoView({block: "center"});
		const r = a.getBoundingClientRect(), label = a.innerText.trim();
		if (r.width === 0 || r.height === 0) { out.push(label + ": not shown"); continue; }
		if (r.left < 0 || r.right > innerWidth + 0.5) { out.push(label + ": off the screen (" + r.left + ".." + r.right + ")"); continue; }
		const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		if (!hit || !a.contains(hit)) out.push(label + ": covered by " + (hit ? hit.tagName : "nothing"));
	}
	scrollTo(0, 0);
	if (document.documentElement.scrollWidth > innerWidth) {
		out.push("the page is " + document.documentElement.scrollWidth + " px wide on a " + innerWidth + " px screen");
	}
	return out;
})()`

// TestBrowserTapTargetsAndMenu opens every page as each role of the test
// world on a 390×844 phone, in Vietnamese and in the English mode (chosen
// once with ?lang=en and remembered): every link, button and input is at
// least 44×44 CSS px (inline links in running text excepted, see
// smallTargetsJS), no page is wider than the screen, and every entry of the
// main menu is reachable.
func TestBrowserTapTargetsAndMenu(t *testing.T) {
	e := newPageEnv(t)
	e.recordFigures(t)
	e.reportWithFile(t, e.team, e.mine.ID, e.chairA)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)

	var failures []string
	for _, lang := range []string{"vi", "en"} {
		failures = append(failures, tapRound(t, e, b, lang)...)
	}
	if len(failures) > 0 {
		t.Errorf("%d tap targets, page widths or menu entries fail at %d×%d:\n%s", len(failures), phoneW, phoneH,
			strings.Join(dedupe(failures), "\n"))
	}
}

// tapRound measures the sign-in page and every role's pages in one language.
func tapRound(t *testing.T, e *pageEnv, b *browser, lang string) []string {
	anon := b.open(t, "anonymous/"+lang, phoneW, phoneH)
	anon.visit("/dang-nhap?lang="+lang, "#f-username")
	failures := anon.measure("/dang-nhap", lang)
	for _, role := range []models.Role{models.RoleChairman, models.RoleSteeringMember, models.RoleOfficer,
		models.RoleTeamMember, models.RoleAdmin} {
		phone := b.open(t, string(role)+"/"+lang, phoneW, phoneH)
		phone.signIn(e.user(role), testfix.Password, "nav.nav")
		phone.visit("/tong-quan?lang="+lang, "main") // remembered from here on
		for _, path := range tapPages(e) {
			phone.visit(path, "main")
			phone.look(lang + path)
			failures = append(failures, phone.measure(path, lang)...)
		}
		phone.visit("/tong-quan", "main")
		for _, p := range value(phone, "reach the menu", chromedp.Evaluate[[]string](menuProblemsJS)) {
			failures = append(failures, phone.name+": menu: "+p)
		}
	}
	return failures
}

// pageShape is what measure reads of the whole page.
type pageShape struct {
	Lang  string `json:"lang"`
	Width int64  `json:"width"`
}

// measure lists the page's small targets, a page wider than the screen, and
// a page not in lang (the remembered language was lost).
func (tb *tab) measure(page, lang string) []string {
	tb.t.Helper()
	out := tb.smallTargets(page)
	got := value(tb, "measure the width of "+page, chromedp.Evaluate[pageShape](
		`({lang: document.documentElement.lang, width: document.documentElement.scrollWidth})`))
	if got.Width > phoneW {
		out = append(out, tb.name+" "+page+": the page is "+itoa(got.Width)+" px wide")
	}
	if got.Lang != lang {
		out = append(out, tb.name+" "+page+": in "+strconv.Quote(got.Lang)+", not "+lang)
	}
	return out
}

// smallTargets measures the page in the tab; each failure names the role,
// the page and the element.
func (tb *tab) smallTargets(page string) []string {
	tb.t.Helper()
	small := value(tb, "measure the tap targets of "+page,
		chromedp.Evaluate[[]string](strings.Replace(smallTargetsJS, "%d", itoa(minTarget), 1)))
	out := make([]string, len(small))
	for i, s := range small {
		out[i] = tb.name + " " + page + ": " + s
	}
	return out
}

// dedupe keeps the first of equal lines, in order.
func dedupe(lines []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

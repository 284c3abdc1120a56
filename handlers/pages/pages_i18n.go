package pages

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/web"
)

// The page languages. Vietnamese is the source language: templates and
// handlers write Vietnamese text and English looks it up in the catalogue
// below (gettext style), so a missing translation shows Vietnamese, never a
// key. This first pass translates the layout, navigation, statuses, sign-in
// and the headings and buttons people meet every day; longer help texts and
// model messages stay Vietnamese.
const (
	langVI     = "vi"
	langEN     = "en"
	langCookie = "tiendo_lang"
	langKey    = "tiendo.lang"
)

var languages = []string{langVI, langEN}

// tr translates Vietnamese text s into lang, with fmt arguments if any.
func tr(lang, s string, args ...any) string {
	if lang == langEN {
		if e, ok := english[s]; ok {
			s = e
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// pageLangMiddleware picks the language: ?lang= (remembered in a cookie for a
// Year), else the cookie, else Vietnamese.
func pageLangMiddleware(c *gin.Context) {
	setPageLang(c)
	c.Next()
}

// setPageLang is pageLangMiddleware's work, for handlers outside the page group.
func setPageLang(c *gin.Context) {
	lang := langVI
	if q := c.Query("lang"); q == langVI || q == langEN {
		lang = q
		http.SetCookie(c.Writer, &http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
			SameSite: http.SameSiteLaxMode, HttpOnly: true})
	} else if ck, err := c.Cookie(langCookie); err == nil && ck == langEN {
		lang = langEN
	}
	c.Set(langKey, lang)
}

// pageLang is the request's language; Vietnamese outside the page routes.
func pageLang(c *gin.Context) string {
	if l, ok := c.Get(langKey); ok {
		return l.(string)
	}
	return langVI
}

// langLink is the current page in the other language.
func langLink(c *gin.Context, lang string) string {
	other := langEN
	if lang == langEN {
		other = langVI
	}
	q := url.Values{}
	if c.Request.Method == http.MethodGet {
		q = c.Request.URL.Query()
		q.Del("flash")
	}
	q.Set("lang", other)
	p := c.Request.URL.Path
	if c.Request.Method != http.MethodGet {
		p = "/"
	}
	return p + "?" + q.Encode()
}

// english is the English catalogue, keyed by the Vietnamese text: every
// section of web/i18n/en.json in one map (the sections only keep the pages'
// authors out of each other's lines; TestCatalogueHasNoDuplicates holds
// each key to one section).
var english = mustCatalogue(web.FS, "i18n/en.json")

// mustCatalogue reads a catalogue of sections; the file is embedded, so a
// broken one is a broken build, caught by every test.
func mustCatalogue(fsys fs.FS, name string) map[string]string {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		panic(err)
	}
	var sections map[string]map[string]string
	if err := json.Unmarshal(b, &sections); err != nil {
		panic(fmt.Sprintf("%s: %v", name, err))
	}
	out := map[string]string{}
	for _, sec := range sections {
		maps.Copy(out, sec)
	}
	return out
}

// labelIn names value from an enumeration's labels in the page's language.
func labelIn(lang string, labels map[string]models.Label, value string) string {
	return models.LabelOf(labels, value, lang == langEN)
}

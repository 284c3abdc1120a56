// Package pages is tiendo's HTML for people: server-rendered pages and
// forms over the templates in web/, in Vietnamese with an English mode
// (web/i18n/en.json). A form shows every field error at once; a POST that
// creates something is taken once (pages_once.go).
package pages

// Package web holds what tiendo's pages are made of — html/template files
// and static assets (CSS, a little JavaScript, icons) — embedded in the
// binary so that a deployment is one file. The pages (handlers/pages) render them.
package web

import "embed"

// FS holds templates/ (layout.html, partials.html, pages/*.html), static/
// and i18n/ (the English catalogue, en.json: sections of Vietnamese → English).
//
//go:embed templates static i18n
var FS embed.FS

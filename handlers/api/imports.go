package api

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/imports"
	"github.com/tiendo/tiendo/models/imports/sheets"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/statistics/reports"
	"github.com/tiendo/tiendo/models/vn"
)

// importTemplates are the downloadable templates, by file name.
var importTemplates = map[string]struct {
	title string
	cols  []imports.ImportColumn
}{
	"plans":    {"Mẫu nhập kế hoạch và nhiệm vụ (mỗi dòng một nhiệm vụ)", imports.PlanImportColumns},
	"dossiers": {"Mẫu nhập số liệu hồ sơ thủ tục hành chính theo kỳ", imports.DossierImportColumns},
}

func (h *Handler) getImportTemplate(c *gin.Context) error {
	name, ext, _ := strings.Cut(c.Param("name"), ".")
	t, ok := importTemplates[name]
	if !ok || (ext != "xlsx" && ext != "csv") {
		return models.ErrNotFound
	}
	var b []byte
	var err error
	if ext == "xlsx" {
		b, err = sheets.TemplateXLSX(t.title, t.cols)
	} else {
		b, err = sheets.TemplateCSV(t.cols)
	}
	if err != nil {
		return err
	}
	sendFile(c, statistics.ReportFile{Format: ext, FileName: "mau-" + name + "." + ext,
		ContentType: reports.ContentType(ext), Content: b})
	return nil
}

// uploadedGrid reads the multipart field "file" into a grid.
func uploadedGrid(c *gin.Context) (imports.Grid, error) {
	fh, err := c.FormFile("file")
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return imports.Grid{}, mbe
	}
	if err != nil {
		return imports.Grid{}, models.Invalid("file", "required", "cần gửi tệp .xlsx hoặc .csv trong trường file (multipart/form-data)")
	}
	f, err := fh.Open()
	if err != nil {
		return imports.Grid{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, httpx.MaxBodyBytes+1))
	if err != nil {
		return imports.Grid{}, err
	}
	return sheets.Read(data)
}

func (h *Handler) importPlans(c *gin.Context) error {
	g, err := uploadedGrid(c)
	if err != nil {
		return err
	}
	res, err := h.Store.ImportPlans(c.Request.Context(), httpx.Actor(c), g)
	return httpx.Respond(c, http.StatusCreated, res, err)
}

func (h *Handler) importDossiers(c *gin.Context) error {
	g, err := uploadedGrid(c)
	if err != nil {
		return err
	}
	res, err := h.Store.ImportDossierStats(c.Request.Context(), httpx.Actor(c), g)
	return httpx.Respond(c, http.StatusCreated, res, err)
}

func (h *Handler) exportPlan(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	format := c.DefaultQuery("format", "json")
	if format != "json" && format != "xlsx" {
		return models.Invalid("format", "invalid", "định dạng phải là json hoặc xlsx")
	}
	e, err := h.Store.ExportPlan(c.Request.Context(), httpx.Actor(c), id)
	if err != nil || format == "json" {
		return httpx.Respond(c, http.StatusOK, e, err)
	}
	b, err := sheets.PlanXLSX(e)
	if err != nil {
		return err
	}
	name := "ke-hoach-" + strings.NewReplacer("/", "-").Replace(e.Plan.DocNumber)
	sendFile(c, statistics.ReportFile{Format: "xlsx", FileName: asciiName(name) + ".xlsx",
		ContentType: reports.ContentType("xlsx"), Content: b})
	return nil
}

// asciiName keeps a file name to ASCII letters, digits and hyphens.
func asciiName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, vn.Fold(s))
}

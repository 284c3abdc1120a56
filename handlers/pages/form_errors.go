package pages

import (
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/models"
)

// Reading a posted form and placing the model's errors on it: the helpers
// every page with a form shares.

// moveErrors puts the errors of the fields from on the field to: the model
// names fields of its input, which a page may draw as one control.
func (f *form) moveErrors(to string, from ...string) {
	for _, name := range from {
		msgs, ok := f.errs[name]
		if !ok || name == to {
			continue
		}
		delete(f.errs, name)
		if _, seen := f.errs[to]; !seen {
			f.order = append(f.order, to)
		}
		f.errs[to] = append(f.errs[to], msgs...)
	}
	kept := f.order[:0]
	for _, name := range f.order {
		if _, ok := f.errs[name]; ok && !slices.Contains(kept, name) {
			kept = append(kept, name)
		}
	}
	f.order = kept
}

// addMissing puts the field errors of a model's validation on the fields
// the form has not already faulted, so that a page names every mistake at
// once without saying one twice (its own check first, in its own words).
func (f *form) addMissing(err error) {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return
	}
	faulted := map[string]bool{}
	for name := range f.errs {
		faulted[name] = true
	}
	for _, fe := range v.Fields {
		if !faulted[fe.Field] || fe.Field == "" {
			f.add(fe.Field, fe.Message)
		}
	}
}

// dropFindings leaves out of a validation error the findings that follow
// from a field the form already faulted (a blank year taken from a date
// that could not be read); each of which is "field" or "field/code".
func dropFindings(err error, which ...string) error {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	kept := &models.ValidationError{}
	for _, fe := range v.Fields {
		if !slices.Contains(which, fe.Field) && !slices.Contains(which, fe.Field+"/"+fe.Code) {
			kept.Fields = append(kept.Fields, fe)
		}
	}
	return kept.Err()
}

// renameFields points a validation error at the page's own field names,
// where the task page has two forms with a field of the same API name.
func renameFields(err error, names map[string]string) error {
	v, ok := err.(*models.ValidationError)
	if !ok {
		return err
	}
	out := &models.ValidationError{Fields: append([]models.FieldError(nil), v.Fields...)}
	for i, fe := range out.Fields {
		if n, ok := names[fe.Field]; ok {
			out.Fields[i].Field = n
		}
	}
	return out
}

// parseBody parses a form post once (multipart with evidence files, or
// url-encoded) and remembers the error, so that a body over the limit is
// still reported as such by the handler that reads it.
func parseBody(c *gin.Context) error {
	if v, ok := c.Get(parseErrKey); ok {
		err, _ := v.(error)
		return err
	}
	var err error
	if strings.HasPrefix(c.ContentType(), "multipart/") {
		err = c.Request.ParseMultipartForm(1 << 20) // larger files spill to temporary files
	} else {
		err = c.Request.ParseForm()
	}
	c.Set(parseErrKey, err)
	return err
}

// postForm parses a url-encoded form post; a body too large or malformed
// reads as empty, and the form's own checks then say what is missing.
func postForm(c *gin.Context) url.Values {
	_ = c.Request.ParseForm()
	return c.Request.PostForm
}

const parseErrKey = "tiendo.parseErr"

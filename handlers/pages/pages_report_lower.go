package pages

import (
	"errors"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// confirmLowerHint follows the store's word on a lowered percent: the form
// has the box that confirms a real correction.
const confirmLowerHint = "; nếu đúng là vậy, đánh dấu ô xác nhận bên dưới rồi gửi lại"

// askToConfirmLower is err with the hint added to a lowered percent's
// message; any other error is returned as it is.
func askToConfirmLower(err error) error {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	out := &models.ValidationError{Fields: make([]models.FieldError, len(v.Fields))}
	for i, fe := range v.Fields {
		if fe.Code == plans.LowerPercentCode {
			fe.Message += confirmLowerHint
		}
		out.Fields[i] = fe
	}
	return out
}

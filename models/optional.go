package models

import "encoding/json"

// Optional distinguishes a field that was absent from one sent as null or a
// value, which a PATCH needs: absent keeps, null clears, a value sets.
type Optional[T any] struct {
	Set   bool
	Value T
}

// Some is an Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{Set: true, Value: v} }

// UnmarshalJSON is only called when the key is present, which is the point.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	return json.Unmarshal(b, &o.Value)
}

// MarshalJSON writes the value (null when unset), for clients and tests.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if !o.Set {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// Or returns the value when set, else def.
func (o Optional[T]) Or(def T) T {
	if o.Set {
		return o.Value
	}
	return def
}

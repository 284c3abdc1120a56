package models

import "fmt"

// QueryText is the SQL of the named statement of queries/*.sql, for tools
// that show its plan (tiendo-bench runs EXPLAIN on the hot ones).
func QueryText(name string) (string, error) {
	texts, err := loadQueries()
	if err != nil {
		return "", err
	}
	q, ok := texts[name]
	if !ok {
		return "", fmt.Errorf("no query named %q", name)
	}
	return q, nil
}

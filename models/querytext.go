package models

import (
	"fmt"
	"io/fs"
)

// QueryText is the SQL of the named statement in one of the packages'
// queries/*.sql (domain.QueryText passes them all), for tools that show its
// plan (tiendo-bench runs EXPLAIN on the hot ones).
func QueryText(name string, files ...fs.FS) (string, error) {
	for _, f := range files {
		texts, err := loadQueries(f)
		if err != nil {
			return "", err
		}
		if q, ok := texts[name]; ok {
			return q, nil
		}
	}
	return "", fmt.Errorf("no query named %q", name)
}

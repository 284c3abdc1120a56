package handlers_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	// The generated client's runtime: required here so that go.mod keeps
	// it, and the temporary module below (a copy of go.mod) resolves it.
	_ "github.com/oapi-codegen/runtime"
	"github.com/tiendo/tiendo/handlers/api"
)

// TestOpenAPIDescribesEveryOperation: every operation has an id, a summary
// and a tag, and every tag it uses is declared, as generators and
// documentation tools expect (issue 13).
func TestOpenAPIDescribesEveryOperation(t *testing.T) {
	t.Parallel()
	var doc struct {
		Tags []struct{ Name string } `json:"tags"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, tag := range doc.Tags {
		declared[tag.Name] = true
	}
	for name, raw := range docOperations(t) {
		var op struct {
			OperationID string   `json:"operationId"`
			Summary     string   `json:"summary"`
			Tags        []string `json:"tags"`
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatal(err)
		}
		if op.OperationID == "" || op.Summary == "" || len(op.Tags) == 0 {
			t.Errorf("%s: operationId %q, summary %q, tags %q", name, op.OperationID, op.Summary, op.Tags)
		}
		for _, tag := range op.Tags {
			if !declared[tag] {
				t.Errorf("%s: tag %q is not declared in the document's tags", name, tag)
			}
		}
	}
}

// TestOpenAPIGeneratesACompilingGoClient generates a Go client with
// oapi-codegen (a Go tool dependency in go.mod) into a temporary module that
// shares the repository's go.mod and go.sum, then builds and vets it: a
// schema whose name collides with a generated wrapper (LoginResponse and the
// operation login) fails here. About two seconds once the tool is built.
func TestOpenAPIGeneratesACompilingGoClient(t *testing.T) {
	t.Parallel()
	goCmd, err := exec.LookPath("go")
	if err != nil && os.Getenv("GOROOT") != "" {
		goCmd, err = filepath.Join(os.Getenv("GOROOT"), "bin", "go"), nil
	}
	if err != nil {
		t.Fatalf("the go command is needed to build the generated client: %v", err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	spec := filepath.Join(dir, "openapi.json")
	mustDo(t, os.WriteFile(spec, api.OpenAPI(), 0o644))
	cfg := filepath.Join(dir, "oapi-codegen.yaml")
	mustDo(t, os.WriteFile(cfg, []byte("package: client\ngenerate:\n  client: true\n  models: true\noutput: "+
		filepath.Join(dir, "client.gen.go")+"\n"), 0o644))
	runIn(t, root, goCmd, "tool", "oapi-codegen", "-config", cfg, spec)
	for _, f := range []string{"go.mod", "go.sum"} {
		b, err := os.ReadFile(filepath.Join(root, f))
		mustDo(t, err)
		mustDo(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	mustDo(t, os.Remove(spec))
	mustDo(t, os.Remove(cfg))
	runIn(t, dir, goCmd, "build", ".")
	runIn(t, dir, goCmd, "vet", ".")
	gen, err := os.ReadFile(filepath.Join(dir, "client.gen.go"))
	mustDo(t, err)
	for _, want := range []string{"func (c *Client) Login(", "func (c *Client) ReportProgress(", "type LoginResult struct"} {
		if !strings.Contains(string(gen), want) {
			t.Errorf("the generated client has no %q", want)
		}
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// runIn runs a command in dir; what it needs is pinned by go.mod and go.sum.
func runIn(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

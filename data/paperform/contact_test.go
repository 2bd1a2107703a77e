package paperform

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"csatdesk/data"
)

// pdfText extracts the text of a PDF with pdftotext (poppler); the test is
// skipped where it is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestTheContactAreaPrintsTheFieldsTheSurveyAsks(t *testing.T) {
	cases := []struct {
		name     string
		lang     string
		fields   []data.ContactField
		want     []string
		dontWant []string
	}{
		{"no contact fields: name, phone and email as always", "en", nil,
			[]string{"Name", "Phone", "Email"}, []string{"May we contact you"}},
		{"phone and consent", "en", []data.ContactField{data.ContactPhone, data.ContactConsent},
			[]string{"Phone", "May we contact you about your answers?", "Yes", "No"}, []string{"Email"}},
		{"every field, in Latvian", "lv", data.ContactFields,
			[]string{"Vārds", "Tālrunis", "E-pasts", "Vai drīkstam ar jums sazināties", "Jā", "Nē"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sv := template(t, c.lang, "restaurant", "Blue Door")
			sv.SetContactFields(c.fields)
			var buf bytes.Buffer
			if err := Write(&buf, sv, Options{Count: 1}); err != nil {
				t.Fatal(err)
			}
			if n := pages(buf.Bytes()); n != 1 {
				t.Fatalf("%d pages", n)
			}
			text := pdfText(t, buf.Bytes())
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("%q is not on the form:\n%s", w, text)
				}
			}
			for _, w := range c.dontWant {
				if strings.Contains(text, w) {
					t.Errorf("%q is on the form", w)
				}
			}
		})
	}
}

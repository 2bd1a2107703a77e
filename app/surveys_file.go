package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"csatdesk/app/cli"
	"csatdesk/data"
	"csatdesk/data/surveyfile"
)

// fileName makes a file name from a survey name.
func fileName(name, ext string) string {
	r := strings.NewReplacer("/", "-", "\\", "-", ":", "-", "*", "", "?", "", "\"", "", "<", "", ">", "", "|", "")
	n := strings.TrimSpace(r.Replace(name))
	if n == "" {
		n = "survey"
	}
	return n + ext
}

func (s *surveysScreen) onExport() {
	sv, _, ok := s.selected()
	if !ok {
		return
	}
	s.ui.askSave(fileName(sv.Name, surveyfile.Extension), func(path string) error { return s.onExportFile(sv, path) })
}

// onExportFile writes the definition of sv to path.
func (s *surveysScreen) onExportFile(sv data.Survey, path string) error {
	if err := cli.WriteFile(path, func(w io.Writer) error { return surveyfile.Write(w, sv) }); err != nil {
		return err
	}
	dialog.ShowInformation(lang.L("Survey exported"),
		lang.L("The survey '{{.Name}}' was saved to {{.Path}}. Import it on another computer with Import definition…",
			map[string]any{"Name": sv.Name, "Path": path}), s.ui.win)
	return nil
}

func (s *surveysScreen) onImport() {
	s.ui.askOpen([]string{".json"}, s.onImportFile)
}

// onImportFile reads a survey definition from path.
func (s *surveysScreen) onImportFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sv, err := s.importDefinition(f)
	if err != nil {
		return err
	}
	dialog.ShowInformation(lang.L("Survey imported"),
		lang.N("The survey '{{.Name}}' with {{.Count}} question was added.", len(sv.Active()),
			map[string]any{"Name": sv.Name, "Count": len(sv.Active())}), s.ui.win)
	return nil
}

// importDefinition stores the survey read from r as a new survey. A file
// that is not a valid survey definition changes nothing.
func (s *surveysScreen) importDefinition(r io.Reader) (data.Survey, error) {
	sv, err := surveyfile.Read(r)
	if err != nil {
		if errors.Is(err, surveyfile.ErrFormat) {
			return sv, fmt.Errorf("%s %w", lang.L("This file is not a CSAT Desk survey definition, so nothing was imported:"), err)
		}
		return sv, fmt.Errorf("%s %w", lang.L("The survey in this file is not valid, so nothing was imported:"), err)
	}
	if err := s.create(&sv); err != nil {
		return sv, err
	}
	return sv, nil
}

package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
)

func (s *surveysScreen) onDelete() {
	sv, stats, ok := s.selected()
	if !ok {
		return
	}
	if stats.Responses == 0 {
		dialog.ShowConfirm(lang.L("Delete survey"),
			lang.L("Delete the survey '{{.Name}}'? It has no responses.", map[string]any{"Name": sv.Name}),
			func(ok bool) {
				if ok {
					s.deleteSurvey(sv.ID)
				}
			}, s.ui.win)
		return
	}
	s.confirmDelete(sv, stats.Responses, "")
}

// confirmDelete asks before deleting a survey with responses, naming how
// many go, and offers a backup first; backup is where one was just saved.
func (s *surveysScreen) confirmDelete(sv data.Survey, responses uint64, backup string) {
	n := int(responses)
	msg := lang.N("Delete the survey '{{.Name}}' and its {{.Count}} response? This cannot be undone.", n,
		map[string]any{"Name": sv.Name, "Count": n})
	if backup != "" {
		msg = lang.L("A backup was saved to {{.Path}}.", map[string]any{"Path": backup}) + "\n\n" + msg
	} else {
		msg += "\n\n" + lang.L("You can save a backup of the whole database first.")
	}
	var d dialog.Dialog
	del := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() {
		d.Hide()
		s.deleteSurvey(sv.ID)
	})
	del.Importance = widget.DangerImportance
	backupBtn := widget.NewButtonWithIcon(lang.L("Back up first…"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		s.backupThenConfirm(sv, responses)
	})
	if backup != "" {
		backupBtn.Disable()
	}
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(lang.L("Delete survey"),
		container.NewVBox(wrapLabel(msg), container.NewHBox(layoutSpacer(), cancel, backupBtn, del)), s.ui.win)
	d.Resize(fyne.NewSize(520, 220))
	d.Show()
}

// backupThenConfirm saves a backup to a file the user picks, then asks
// again whether to delete.
func (s *surveysScreen) backupThenConfirm(sv data.Survey, responses uint64) {
	s.ui.saveInBackground("csatdesk-backup.db", func(path string) error {
		if err := s.ui.st.BackupFile(path); err != nil {
			return fmt.Errorf("%s: %w", lang.L("Backup failed"), err)
		}
		return nil
	}, func(path string) { s.confirmDelete(sv, responses, path) })
}

// deleteSurvey deletes survey id with its responses.
func (s *surveysScreen) deleteSurvey(id uint64) {
	if err := s.ui.st.DeleteSurvey(id); err != nil {
		s.ui.showError(err)
		return
	}
	s.sel = -1
	s.changed()
}

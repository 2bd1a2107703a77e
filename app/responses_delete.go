package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
)

func (b *responses) onDeleteChecked() {
	var rs []data.Response
	for _, r := range b.rows {
		if b.checked[r.ID] {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		b.status.SetText(lang.L("Tick the responses to delete first."))
		return
	}
	dialog.ShowConfirm(lang.L("Delete responses"),
		lang.N("Delete {{.Count}} response? You can undo this until you delete again.", len(rs), map[string]any{"Count": len(rs)}),
		func(ok bool) {
			if ok {
				b.deleteResponses(rs)
			}
		}, b.ui.win)
}

// deleteResponses removes rs (rollups follow in the same transaction) and
// keeps what the store removed, byte for byte, for Undo.
func (b *responses) deleteResponses(rs []data.Response) {
	ids := make([]data.ResponseID, len(rs))
	gone := map[data.ResponseID]bool{}
	for i, r := range rs {
		ids[i] = r.ID
		gone[r.ID] = true
	}
	deleted, err := b.ui.st.DeleteResponsesUndoable(b.survey.ID, ids)
	if err != nil {
		b.ui.showError(err)
		return
	}
	b.undone = deleted
	b.undoBtn.Enable()
	kept := b.rows[:0]
	for _, r := range b.rows {
		if !gone[r.ID] {
			kept = append(kept, r)
		}
	}
	b.rows = kept
	b.checked = map[data.ResponseID]bool{}
	b.list.UnselectAll()
	b.list.Refresh()
	b.showCount() // it still said the count from before the delete
	b.detail.Objects = []fyne.CanvasObject{widget.NewLabel(lang.N("Deleted {{.Count}} response.", len(rs), map[string]any{"Count": len(rs)}))}
	b.detail.Refresh()
	b.changedHere()
}

// onUndo puts the last deleted responses back exactly as they were stored:
// IDs, entry times, sources and the import they came with. When the store
// refuses (they, or the same respondents, are stored again, or their
// import was removed since) nothing is written and Undo is given up.
func (b *responses) onUndo() {
	if b.undone.Len() == 0 {
		return
	}
	n := b.undone.Len()
	err := b.ui.st.RestoreResponses(b.undone)
	b.undone = nil
	b.undoBtn.Disable()
	if err != nil {
		b.ui.showError(err)
		return
	}
	b.changedHere()
	b.apply()
	// The "Deleted 1 response." message said the opposite of what is true now.
	b.detail.Objects = []fyne.CanvasObject{widget.NewLabel(lang.N("Restored {{.Count}} response.", n, map[string]any{"Count": n}))}
	b.detail.Refresh()
}

package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/bank"
)

func (d *designer) onAddFromBank() {
	topics := make([]string, len(bank.Topics))
	for i, t := range bank.Topics {
		topics[i] = bank.TopicName(d.surveyLang(), t)
	}
	d.bankPick = widget.NewCheckGroup(nil, nil)
	d.bankTopic = widget.NewSelect(topics, func(string) { d.onBankTopic() })
	d.bankTopic.SetSelectedIndex(0)
	content := container.NewBorder(labelled(lang.L("Topic"), d.bankTopic), nil, nil, nil, container.NewVScroll(d.bankPick))
	dlg := dialog.NewCustomConfirm(lang.L("Add questions from the bank"), lang.L("Add"), lang.L("Cancel"), content, d.onBankChosen, d.ui.win)
	dlg.Resize(fyne.NewSize(720, 520))
	dlg.Show()
}

// onBankTopic lists the bank questions of the chosen topic in the survey's
// language.
func (d *designer) onBankTopic() {
	i := d.bankTopic.SelectedIndex()
	if i < 0 {
		return
	}
	d.bankItems = bank.Bank(d.surveyLang(), bank.Topics[i])
	opts := make([]string, len(d.bankItems))
	for j, q := range d.bankItems {
		opts[j] = fmt.Sprintf("%s  [%s]", q.Text, kindOptionOf(q).label())
	}
	d.bankPick.Options = opts
	d.bankPick.Selected = nil
	d.bankPick.Refresh()
}

// onBankChosen adds the ticked bank questions.
func (d *designer) onBankChosen(ok bool) {
	if !ok || d.bankPick == nil {
		return
	}
	var add []data.Question
	for j, o := range d.bankPick.Options {
		if slices.Contains(d.bankPick.Selected, o) {
			add = append(add, d.bankItems[j])
		}
	}
	if len(add) > 0 {
		d.insert(add...)
	}
}

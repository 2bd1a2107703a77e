package app

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"csatdesk/data"
	"csatdesk/data/bank"
)

// kindOption is one entry of the "kind and scale" choices: a kind, and for
// ratings the number of points (the top of a scale from 1, or 11 for 0–10).
type kindOption struct {
	kind   data.Kind
	points int
}

// kindOptions lists what a question can be, in the order the designer
// offers them.
var kindOptions = []kindOption{
	{data.KindRating, 3}, {data.KindRating, 4}, {data.KindRating, 5}, {data.KindRating, 6}, {data.KindRating, 7}, {data.KindRating, 10}, {data.KindRating, 11},
	{data.KindNPS, 11}, {data.KindCES, 7}, {data.KindYesNo, 2}, {data.KindChoice, 0}, {data.KindText, 0},
}

func (o kindOption) label() string {
	switch o.kind {
	case data.KindRating:
		if o.points == data.MaxValue+1 {
			return lang.L("Satisfaction 0–10")
		}
		return lang.L("Satisfaction 1–{{.Max}}", map[string]any{"Max": o.points})
	case data.KindNPS:
		return lang.L("Recommend (NPS) 0–10")
	case data.KindCES:
		return lang.L("Effort (CES) 1–7")
	case data.KindYesNo:
		return lang.L("Yes / no")
	case data.KindChoice:
		return lang.L("Choice")
	}
	return lang.L("Open text")
}

func kindLabels() []string {
	out := make([]string, len(kindOptions))
	for i, o := range kindOptions {
		out[i] = o.label()
	}
	return out
}

// kindIndex returns the kindOptions entry q is, or -1.
func kindIndex(q data.Question) int {
	for i, o := range kindOptions {
		if o.kind == q.Kind && (o.kind != data.KindRating || o.points == q.Points()) {
			return i
		}
	}
	return -1
}

// newQuestionOf returns a new question of kind o with labels in the
// survey's language lng; business names the company in NPS and CES texts.
func newQuestionOf(o kindOption, lng, business string) data.Question {
	text := lang.L("New question")
	q := data.NewQuestion(o.kind, text, o.points)
	switch o.kind {
	case data.KindRating:
		q.Labels = bank.Labels(lng, bank.PresetWords, o.points)
		q.Text = lang.L("How satisfied are you with …?")
	case data.KindNPS:
		q = bank.NPSQuestion(lng, business)
	case data.KindCES:
		q = bank.CESQuestion(lng, business, "")
	case data.KindYesNo:
		q.Labels = bank.YesNoLabels(lng)
	case data.KindChoice:
		q.Choices = []string{lang.L("Option {{.N}}", map[string]any{"N": 1}), lang.L("Option {{.N}}", map[string]any{"N": 2})}
	}
	return q
}

// scaleText is "1–5", or "2 choices" for a choice question.
func scaleText(q data.Question) string {
	if q.Kind == data.KindChoice {
		return lang.N("{{.Count}} choice", len(q.Choices), map[string]any{"Count": len(q.Choices)})
	}
	return fmt.Sprintf("%d–%d", q.Min, q.Max)
}

func kindOptionOf(q data.Question) kindOption {
	if i := kindIndex(q); i >= 0 {
		return kindOptions[i]
	}
	return kindOption{kind: q.Kind, points: q.Points()}
}

func presetLabels() []string {
	out := make([]string, len(bank.LabelPresets))
	for i, p := range bank.LabelPresets {
		switch p {
		case bank.PresetNumbers:
			out[i] = lang.L("Numbers")
		case bank.PresetWords:
			out[i] = lang.L("Words")
		case bank.PresetStars:
			out[i] = lang.L("Stars")
		case bank.PresetEmoji:
			out[i] = lang.L("Emoji (printed as numbers)")
		}
	}
	return out
}

// changeNote says in plain words what a revision did to a question.
func changeNote(c data.Change) string {
	switch c.What {
	case data.ChangeAdded:
		return lang.L("Question {{.N}} is new: forms printed before did not ask it.", map[string]any{"N": c.N})
	case data.ChangeKindOf:
		return lang.L("Question {{.N}} changed from {{.Old}} to {{.New}}: old answers keep their meaning; new forms ask the new question.",
			map[string]any{"N": c.N, "Old": kindOptionOf(c.Old).label(), "New": kindOptionOf(c.New).label()})
	case data.ChangeScale:
		return lang.L("Question {{.N}} changed scale: old answers keep their {{.Old}} meaning; new forms use {{.New}}.",
			map[string]any{"N": c.N, "Old": scaleText(c.Old), "New": scaleText(c.New)})
	case data.ChangeCutoff:
		return lang.L("Question {{.N}} changed its cut-off: old answers count as satisfied from {{.Old}}, new ones from {{.New}}.",
			map[string]any{"N": c.N, "Old": c.Old.SatisfiedFrom, "New": c.New.SatisfiedFrom})
	}
	return lang.L("{{.Question}} was removed: it is kept out of sight so its old answers still count.",
		map[string]any{"Question": problemWords(c.Old.Ref(c.N))})
}

package app

import (
	"errors"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/charts"
	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/topics"
)

// topicsScreen shows what customers' comments are about: a table of topics
// (mentions, share of low scores, example comments), the topic × score or
// topic trend chart, the comments no topic matched (with "add a word from
// this comment to a topic" in one step) and the dictionary editor. The
// matching is data/topics; whether a topic "needs attention" comes from the
// customers' own scores, never from reading their mood.
type topicsScreen struct {
	ui  *UI
	now func() time.Time

	surveys []data.Survey
	survey  *data.Survey

	surveySel, rangeSel, businessSel, chartSel *dropdown
	status                                     *widget.Label

	// What the figures are computed from (set on the UI goroutine).
	comments  []topics.Comment
	surveyLng string // the survey's language (matching)
	from, to  data.Day
	dict      topics.Dictionary
	counts    []topics.TopicCount
	unmatched []int

	tabs     *container.AppTabs
	table    *widget.List
	examples *widget.Label
	view     *chartView
	chartMsg *widget.Label
	exportBt *widget.Button
	picked   int // row of the table picked, -1 none

	unList    *widget.List
	unPicked  int // index into unmatched, -1 none
	unWord    *widget.SelectEntry
	unWords   []string // the words unWord offers
	unTopic   *widget.Select
	unAdd     *widget.Button
	unTab     *container.TabItem
	dictList  *widget.List
	dictTopic int
	dictLang  *widget.Select
	wordList  *widget.List
	newWord   *widget.Entry
	newTopic  *widget.Entry

	loadGen  int // newest load; older results are dropped
	gen      int // newest render; older results are dropped
	drawn    charts.Size
	root     fyne.CanvasObject
	outdated bool
}

func newTopicsScreen(u *UI) *topicsScreen {
	return &topicsScreen{ui: u, now: time.Now, picked: -1, unPicked: -1}
}

// businessNames names topics.Businesses in the window's language.
func businessNames() []string {
	return []string{lang.L("Café or restaurant"), lang.L("Shop"), lang.L("Online store or delivery"), lang.L("Service or salon")}
}

// topicsPresets are the dashboard's date ranges without custom dates.
func topicsPresets() []insight.Preset {
	return slices.DeleteFunc(insight.Presets(texts{}), func(p insight.Preset) bool { return p.Days == insight.CustomDates })
}

func (s *topicsScreen) buildUI() fyne.CanvasObject {
	s.surveySel = s.ui.dropdown(nil, func(string) { s.onSurvey() })
	var rnames []string
	for _, p := range topicsPresets() {
		rnames = append(rnames, p.Label)
	}
	s.rangeSel = s.ui.dropdown(rnames, func(string) { s.load() })
	s.rangeSel.SetSelectedIndex(insight.DefaultPreset)
	s.businessSel = s.ui.dropdown(businessNames(), func(string) { s.onBusiness() })
	s.chartSel = s.ui.dropdown([]string{lang.L("Topics and scores"), lang.L("Topic trend")}, func(string) { s.render() })
	s.chartSel.SetSelectedIndex(0)
	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis
	for _, d := range []*dropdown{s.surveySel, s.rangeSel, s.businessSel, s.chartSel} {
		d.PlaceHolder = lang.L("(Select one)") // translatePlaceholders knows *widget.Select only
	}

	s.dict = topics.Default(topics.Cafe)
	if d, err := topics.Load(s.ui.st); err == nil {
		s.dict = d
	} else {
		s.ui.showError(err)
	}
	if i := slices.Index(topics.Businesses, s.dict.Business); i >= 0 {
		selectQuietly(&s.businessSel.Select, i)
	}

	filters := container.NewGridWithColumns(2,
		labelled(lang.L("Survey"), s.surveySel),
		labelled(lang.L("Dates"), s.rangeSel),
		labelled(lang.L("Business type"), s.businessSel),
		labelled(lang.L("Chart"), s.chartSel),
	)

	// Overview: the table and the examples of the picked topic beside the chart.
	s.table = widget.NewList(func() int { return len(s.counts) }, newTopicRow, s.updateTopicRow)
	s.table.OnSelected = func(i widget.ListItemID) { s.picked = i; s.showExamples() }
	s.examples = wrapLabel(lang.L("Pick a topic to read its comments."))
	s.examples.Importance = widget.LowImportance
	header := newTopicRowWith(boldLabel(lang.L("Topic")), boldLabel(lang.L("Comments")), boldLabel(lang.L("% low")), boldLabel(lang.L("Example comment")))
	examples := container.NewVScroll(s.examples)
	examples.SetMinSize(fyne.NewSize(100, 90))
	table := container.NewBorder(header, examples, nil, nil, s.table)
	s.view = newChartView(func(fyne.Size) { s.onResized() })
	s.chartMsg = wrapLabel("")
	s.exportBt = widget.NewButton(lang.L("Export PNG…"), s.onExport)
	chart := container.NewBorder(nil, container.NewBorder(nil, nil, nil, s.exportBt, s.chartMsg), nil, nil, s.view)

	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Topics"), table),
		container.NewTabItem(lang.L("Chart"), chart),
		s.buildUnmatched(),
		container.NewTabItem(lang.L("Dictionary"), s.buildEditor()),
	)
	s.unTab = s.tabs.Items[2]
	s.tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == chart {
			s.onResized()
		}
	}
	s.root = container.NewBorder(container.NewVBox(filters, s.status), nil, nil, nil, s.tabs)
	return s.root
}

// topicRowLayout lays out a table row: name, comments, % low, example.
type topicRowLayout struct{}

func (topicRowLayout) widths(w float32) [4]float32 {
	name := min(220, w*0.3)
	num := min(110, w*0.14)
	return [4]float32{name, num, num, max(0, w-name-2*num)}
}

func (l topicRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	ws := l.widths(size.Width)
	x := float32(0)
	for i, o := range objs {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(ws[i], size.Height))
		x += ws[i]
	}
}

func (topicRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(200, h)
}

func newTopicRowWith(a, b, c, d *widget.Label) fyne.CanvasObject {
	for _, l := range []*widget.Label{a, b, c, d} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	return container.New(topicRowLayout{}, a, b, c, d)
}

func newTopicRow() fyne.CanvasObject {
	return newTopicRowWith(widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""))
}

// topicRowTexts are the four cells of topic row i.
func (s *topicsScreen) topicRowTexts(i int) [4]string {
	c := s.counts[i]
	low := "–"
	if u := c.Unhappy(); !math.IsNaN(u) {
		low = fmtNumber(u, 0) + " %"
	}
	ex := ""
	if len(c.Examples) > 0 {
		ex = s.comments[c.Examples[0]].Text
	}
	return [4]string{s.dict.Name(c.ID, uiLocale()), fmtNumber(float64(c.Mentions), 0), low, ex}
}

func (s *topicsScreen) updateTopicRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.counts) {
		return
	}
	t := s.topicRowTexts(i)
	for k, obj := range o.(*fyne.Container).Objects {
		l := obj.(*widget.Label)
		l.SetText(t[k])
		l.Importance = widget.MediumImportance
		if k == 2 && s.counts[i].Unhappy() >= 50 {
			l.Importance = widget.DangerImportance
		}
	}
}

// showExamples shows the picked topic's example comments with their scores.
func (s *topicsScreen) showExamples() {
	if s.picked < 0 || s.picked >= len(s.counts) {
		s.examples.SetText(lang.L("Pick a topic to read its comments."))
		return
	}
	c := s.counts[s.picked]
	var b strings.Builder
	b.WriteString(s.dict.Name(c.ID, uiLocale()) + "\n")
	for _, i := range c.Examples {
		b.WriteString("• " + s.commentLine(i) + "\n")
	}
	s.examples.SetText(strings.TrimSpace(b.String()))
}

// commentLine is a comment with its customer's score: "“Slow.” (2)".
func (s *topicsScreen) commentLine(i int) string {
	c := s.comments[i]
	if math.IsNaN(c.Score) {
		return "“" + c.Text + "”"
	}
	return fmt.Sprintf("“%s” (%s)", c.Text, fmtNumber(c.Score, 0))
}

// buildUnmatched is the tab of comments no topic matched.
func (s *topicsScreen) buildUnmatched() *container.TabItem {
	s.unList = widget.NewList(func() int { return len(s.unmatched) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.unmatched) {
				o.(*widget.Label).SetText(s.commentLine(s.unmatched[i]))
			}
		})
	s.unList.OnSelected = func(i widget.ListItemID) { s.unPicked = i; s.onUnmatchedPicked() }
	s.unWord = widget.NewSelectEntry(nil)
	s.unWord.SetPlaceHolder(lang.L("Word from the comment"))
	s.unTopic = widget.NewSelect(nil, nil)
	s.unTopic.PlaceHolder = lang.L("Topic")
	s.unAdd = widget.NewButton(lang.L("Add to topic"), s.onAddFromComment)
	s.unAdd.Importance = widget.HighImportance
	bar := container.NewBorder(nil, nil, nil, s.unAdd, container.NewGridWithColumns(2, s.unWord, s.unTopic))
	hint := wrapLabel(lang.L("Pick a comment, then a word from it and the topic it belongs to: the word is added in the comment's language, and every comment with it (in any form) is counted."))
	hint.Importance = widget.LowImportance
	return container.NewTabItem(lang.L("Unmatched comments"), container.NewBorder(nil, container.NewVBox(hint, bar), nil, nil, s.unList))
}

// onUnmatchedPicked offers the picked comment's words.
func (s *topicsScreen) onUnmatchedPicked() {
	if s.unPicked < 0 || s.unPicked >= len(s.unmatched) {
		return
	}
	text := s.comments[s.unmatched[s.unPicked]].Text
	var words []string
	for _, w := range topics.Tokens(text) {
		if len([]rune(w)) > 2 && !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	s.unWords = words
	s.unWord.SetOptions(words)
	s.unWord.SetText("")
}

// dictLangOf is the dictionary language a comment's words go to.
func (s *topicsScreen) dictLangOf(text string) string {
	l := topics.LangOf(text, s.surveyLng)
	if l == "zh" {
		if strings.EqualFold(s.surveyLng, "zh_Hant") {
			return "zh_Hant"
		}
		return "zh_Hans"
	}
	return l
}

// onAddFromComment adds the chosen word to the chosen topic in one step.
func (s *topicsScreen) onAddFromComment() {
	if s.unPicked < 0 || s.unPicked >= len(s.unmatched) {
		s.status.SetText(lang.L("Pick a comment first."))
		return
	}
	ti := s.unTopic.SelectedIndex()
	word := strings.TrimSpace(s.unWord.Text)
	if ti < 0 || word == "" {
		s.status.SetText(lang.L("Choose a word and a topic."))
		return
	}
	l := s.dictLangOf(s.comments[s.unmatched[s.unPicked]].Text)
	id := s.dict.Topics[ti].ID
	if err := s.edit(func(d *topics.Dictionary) error { return d.AddWord(id, l, word) }); err != nil {
		return
	}
	s.status.SetText(lang.L("Added “{{.Word}}” to {{.Topic}}.", map[string]any{"Word": topics.NormalizeWord(word), "Topic": s.dict.Name(id, uiLocale())}))
}

// buildEditor is the dictionary editor: topics, then words per language.
func (s *topicsScreen) buildEditor() fyne.CanvasObject {
	s.dictList = widget.NewList(func() int { return len(s.dict.Topics) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.dict.Topics) {
				o.(*widget.Label).SetText(s.dict.Topics[i].Name(uiLocale()))
			}
		})
	s.dictList.OnSelected = func(i widget.ListItemID) { s.dictTopic = i; s.wordList.Refresh() }
	s.dictLang = widget.NewSelect(topics.Languages, func(string) {
		if s.wordList != nil {
			s.wordList.Refresh()
		}
	})
	s.dictLang.SetSelectedIndex(max(0, slices.Index(topics.Languages, uiLocale())))
	s.wordList = widget.NewList(func() int { return len(s.words()) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Remove"), nil), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			ws := s.words()
			if i >= len(ws) {
				return
			}
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(ws[i])
			w := ws[i]
			c.Objects[1].(*widget.Button).OnTapped = func() { s.onRemoveWord(w) }
		})
	s.newWord = widget.NewEntry()
	s.newWord.SetPlaceHolder(lang.L("New word or phrase (prefix*)"))
	s.newWord.OnSubmitted = func(string) { s.onAddWord() }
	addWord := widget.NewButton(lang.L("Add word"), s.onAddWord)
	s.newTopic = widget.NewEntry()
	s.newTopic.SetPlaceHolder(lang.L("New topic"))
	s.newTopic.OnSubmitted = func(string) { s.onAddTopic() }
	addTopic := widget.NewButton(lang.L("Add topic"), s.onAddTopic)
	reset := widget.NewButton(lang.L("Reset to the built-in words…"), s.onReset)
	reset.Importance = widget.LowImportance
	left := container.NewBorder(nil, container.NewVBox(container.NewBorder(nil, nil, nil, addTopic, s.newTopic), reset), nil, nil, s.dictList)
	right := container.NewBorder(labelled(lang.L("Language"), s.dictLang), container.NewBorder(nil, nil, nil, addWord, s.newWord), nil, nil, s.wordList)
	split := container.NewHSplit(left, right)
	split.Offset = 0.4
	return split
}

// words are the picked topic's words in the picked language.
func (s *topicsScreen) words() []string {
	if s.dictTopic < 0 || s.dictTopic >= len(s.dict.Topics) || s.dictLang == nil {
		return nil
	}
	return s.dict.Topics[s.dictTopic].Words[s.dictLang.Selected]
}

func (s *topicsScreen) onAddWord() {
	if s.dictTopic < 0 || s.dictTopic >= len(s.dict.Topics) {
		return
	}
	id, l, w := s.dict.Topics[s.dictTopic].ID, s.dictLang.Selected, s.newWord.Text
	if s.edit(func(d *topics.Dictionary) error { return d.AddWord(id, l, w) }) == nil {
		s.newWord.SetText("")
	}
}

func (s *topicsScreen) onRemoveWord(w string) {
	if s.dictTopic < 0 || s.dictTopic >= len(s.dict.Topics) {
		return
	}
	id, l := s.dict.Topics[s.dictTopic].ID, s.dictLang.Selected
	_ = s.edit(func(d *topics.Dictionary) error { return d.RemoveWord(id, l, w) })
}

func (s *topicsScreen) onAddTopic() {
	name := s.newTopic.Text
	if s.edit(func(d *topics.Dictionary) error { _, err := d.AddTopic(name, uiLocale()); return err }) == nil {
		s.newTopic.SetText("")
		s.dictTopic = len(s.dict.Topics) - 1
		s.dictList.Select(s.dictTopic)
	}
}

func (s *topicsScreen) onReset() {
	dialog.ShowConfirm(lang.L("Reset the dictionary?"), lang.L("Your words and topics for this business type are replaced by the built-in ones."), func(ok bool) {
		if !ok {
			return
		}
		d, err := topics.Reset(s.ui.st, s.dict.Business)
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.setDictionary(d)
	}, s.ui.win)
}

// editError says an edit's problem in the window's language.
func editError(err error) string {
	switch {
	case errors.Is(err, topics.ErrDuplicate):
		return lang.L("That is already in the dictionary.")
	case errors.Is(err, topics.ErrEmptyWord), errors.Is(err, topics.ErrEmptyTopic):
		return lang.L("Type a word first.")
	}
	return err.Error()
}

// edit changes a copy of the dictionary, stores it and, when that worked,
// uses it; a problem is said on the status line and returned.
func (s *topicsScreen) edit(change func(*topics.Dictionary) error) error {
	d := s.dict.Clone()
	if err := change(&d); err != nil {
		s.status.SetText(editError(err))
		return err
	}
	if err := topics.Save(s.ui.st, d); err != nil {
		s.ui.showError(err)
		return err
	}
	s.status.SetText("")
	s.setDictionary(d)
	return nil
}

// setDictionary uses d and counts the comments anew.
func (s *topicsScreen) setDictionary(d topics.Dictionary) {
	s.dict = d
	names := make([]string, len(d.Topics))
	for i, t := range d.Topics {
		names[i] = t.Name(uiLocale())
	}
	s.unTopic.SetOptions(names)
	s.dictList.Refresh()
	s.wordList.Refresh()
	s.recount()
}

func (s *topicsScreen) onBusiness() {
	i := s.businessSel.SelectedIndex()
	if i < 0 || i >= len(topics.Businesses) {
		return
	}
	d, err := topics.Use(s.ui.st, topics.Businesses[i])
	if err != nil {
		s.ui.showError(err)
	}
	s.dictTopic = 0
	s.dictList.UnselectAll()
	s.setDictionary(d)
}

// reload re-reads the survey list.
func (s *topicsScreen) reload() {
	active, names, err := s.ui.activeSurveys()
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.surveys = active
	s.surveySel.SetOptions(names)
	if len(active) == 0 {
		s.survey = nil
		s.setComments(nil, nil, "en")
		s.status.SetText(lang.L("No surveys yet."))
		return
	}
	if i := s.surveySel.SelectedIndex(); i >= 0 && i < len(active) {
		s.onSurvey()
	} else {
		s.surveySel.SetSelectedIndex(0)
	}
	s.setDictionary(s.dict) // topic names for the pickers
}

// responsesChanged reloads the comments now when the tab shows, else when
// it is next shown.
func (s *topicsScreen) responsesChanged() { s.load() }

// onShown loads the comments if responses changed meanwhile.
func (s *topicsScreen) onShown() {
	if s.outdated {
		s.outdated = false
		s.load()
	}
}

func (s *topicsScreen) onSurvey() {
	i := s.surveySel.SelectedIndex()
	if i < 0 || i >= len(s.surveys) {
		return
	}
	s.survey = &s.surveys[i]
	s.load()
}

// shown reports whether the screen's tab is the one on screen.
func (s *topicsScreen) shown() bool {
	t := s.ui.tabs
	return t != nil && t.Selected() != nil && t.Selected().Content == s.root
}

// load reads the comments of the survey in the date range in the
// background, then counts them. While another tab shows it only notes
// that the comments are to be read (onShown reads them): reading every
// response of a large file at the window's start for a tab not opened
// would slow the dashboard.
func (s *topicsScreen) load() {
	if s.survey == nil {
		return
	}
	if !s.shown() {
		s.outdated = true
		return
	}
	sv := *s.survey
	ri := max(0, s.rangeSel.SelectedIndex())
	presets := topicsPresets()
	if ri >= len(presets) {
		ri = insight.DefaultPreset
	}
	stat := s.ui.model.stat(sv.ID)
	from, to := presets[ri].Range(data.DayOf(s.now()), func() (data.Day, data.Day, bool) {
		return stat.First, stat.Last, stat.Responses > 0
	}, "", "")
	s.loadGen++
	gen := s.loadGen
	s.status.SetText(lang.L("Reading comments…"))
	var col *insight.Comments
	var err error
	s.ui.background(func() {
		col = insight.NewComments(&sv)
		err = s.ui.st.EachResponse(sv.ID, from, to, func(r data.Response) error { col.Add(&r); return nil })
	}, func() {
		if gen != s.loadGen {
			return
		}
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.from, s.to = from, to
		s.setComments(col.Comments, col.Responses, insight.TopicLanguage(&sv))
	})
}

// setComments uses a new set of comments.
func (s *topicsScreen) setComments(cs []topics.Comment, _ []data.ResponseID, surveyLang string) {
	s.comments, s.surveyLng = cs, surveyLang
	s.recount()
}

// recount matches the comments with the dictionary and shows the result.
func (s *topicsScreen) recount() {
	m := topics.Compile(s.dict)
	s.counts = topics.CountWith(m, s.comments, s.surveyLng)
	s.unmatched = topics.UnmatchedWith(m, s.comments, s.surveyLng)
	matched := len(s.comments) - len(s.unmatched)
	if len(s.comments) == 0 {
		if s.survey != nil {
			s.status.SetText(lang.L("No comments in these dates."))
		}
	} else {
		s.status.SetText(lang.L("{{.N}} comments, {{.M}} about at least one topic ({{.Share}} %). “% low score”: the customers' own main score, not a reading of their words.",
			map[string]any{"N": len(s.comments), "M": matched, "Share": fmtNumber(float64(matched)/float64(len(s.comments))*100, 0)}))
	}
	s.unTab.Text = lang.L("Unmatched comments ({{.N}})", map[string]any{"N": len(s.unmatched)})
	s.tabs.Refresh()
	s.picked, s.unPicked = -1, -1
	s.table.UnselectAll()
	s.unList.UnselectAll()
	s.table.Refresh()
	s.unList.Refresh()
	s.showExamples()
	s.render()
}

// chartSize is the on-screen chart's size in pixels.
func (s *topicsScreen) chartSize() charts.Size {
	sz := s.view.Size()
	if sz.Width < 1 || sz.Height < 1 {
		return charts.SizeScreen
	}
	scale := float32(1)
	if c := s.ui.win.Canvas(); c != nil && c.Scale() > 0 {
		scale = c.Scale()
	}
	dpi := 96 * float64(scale) * screenZoom
	return charts.Size{
		WidthPx:  max(int(math.Round(float64(sz.Width*scale))), charts.MinSidePx(dpi)),
		HeightPx: max(int(math.Round(float64(sz.Height*scale))), charts.MinSidePx(dpi)),
		DPI:      dpi,
	}
}

func (s *topicsScreen) onResized() {
	if s.chartSize() != s.drawn {
		s.render()
	}
}

// topicChart is what a topic chart is drawn from, copied off the screen.
type topicChart struct {
	trend    bool
	rows     []charts.TopicRow
	periods  []string
	series   []charts.TopicSeries
	opt      charts.TopicOptions
	hasInput bool
}

// chartInput snapshots the chart's data for a render in the background.
func (s *topicsScreen) chartInput(size charts.Size, dark bool) topicChart {
	loc := uiLocale()
	tc := topicChart{trend: s.chartSel.SelectedIndex() == 1, hasInput: len(s.comments) > 0}
	sv := ""
	if s.survey != nil {
		sv = s.survey.Name
	}
	tc.opt = charts.TopicOptions{Size: size, Style: charts.Style{Dark: dark, Locale: loc,
		Footer: fmt.Sprintf("%s · %s – %s · %s", sv, fmtDay(s.from), fmtDay(s.to),
			lang.L("{{.N}} comments; low, middle and high are the customers' own main scores", map[string]any{"N": len(s.comments)}))},
		Words: charts.TopicWords{Low: lang.L("Low score"), Neutral: lang.L("Middle score"), High: lang.L("High score"),
			Mentions: lang.L("%s comments"), Unhappy: lang.L("%s low")}}
	if !tc.trend {
		tc.opt.Title = lang.L("Which topics come with low scores")
		rows := slices.Clone(s.counts)
		slices.SortStableFunc(rows, func(a, b topics.TopicCount) int {
			ua, ub := a.Unhappy(), b.Unhappy()
			if math.IsNaN(ua) {
				ua = -1
			}
			if math.IsNaN(ub) {
				ub = -1
			}
			switch {
			case ua > ub:
				return -1
			case ua < ub:
				return 1
			}
			return b.Mentions - a.Mentions
		})
		for _, c := range rows {
			tc.rows = append(tc.rows, charts.TopicRow{Label: s.dict.Name(c.ID, loc), Mentions: c.Mentions, Low: c.Low, Neutral: c.Neutral, High: c.High})
		}
		return tc
	}
	tc.opt.Title = lang.L("Topic trend: comments per period")
	p := data.PeriodMonth
	if s.to-s.from < 100 {
		p = data.PeriodWeek
	}
	var starts []data.Day
	for d := p.Start(s.from); d <= s.to; d = p.Next(d) {
		starts = append(starts, d)
		tc.periods = append(tc.periods, p.Label(d))
	}
	tr := topics.Trend(s.comments, s.dict, s.surveyLng, tc.periods, func(c topics.Comment) int {
		start := p.Start(data.DayOf(c.At))
		i, ok := slices.BinarySearch(starts, start)
		if !ok {
			return -1
		}
		return i
	}, 5)
	for i, id := range tr.Topics {
		tc.series = append(tc.series, charts.TopicSeries{Label: s.dict.Name(id, loc), Counts: tr.Counts[i]})
	}
	return tc
}

// draw renders a topic chart.
func (tc topicChart) draw() (image.Image, error) {
	if !tc.hasInput {
		return nil, charts.ErrNotEnoughData
	}
	if tc.trend {
		return charts.TopicTrend(tc.periods, tc.series, tc.opt)
	}
	img, _, err := charts.TopicScores(tc.rows, tc.opt)
	return img, err
}

// render draws the chosen chart at the view's size in the background.
func (s *topicsScreen) render() {
	if s.view == nil || s.chartSel == nil {
		return
	}
	size := s.chartSize()
	s.drawn = size
	tc := s.chartInput(size, s.ui.dark())
	tc.opt.Footer = "" // on screen the status line says it
	s.gen++
	gen := s.gen
	var img image.Image
	var err error
	s.ui.background(func() { img, err = tc.draw() }, func() {
		if gen != s.gen {
			return
		}
		if err != nil {
			s.view.set(nil, nil)
			if errors.Is(err, charts.ErrNotEnoughData) {
				s.chartMsg.SetText(lang.L("Nothing to draw yet: no comment about a topic in these dates (the trend needs two periods)."))
			} else {
				s.chartMsg.SetText(chartError(err))
			}
			return
		}
		s.view.set(img, nil)
		s.chartMsg.SetText("")
	})
}

// onExport saves the chart on screen as a PNG at the size and look of the
// dashboard's last export (File names: topics.png, topic-trend.png).
func (s *topicsScreen) onExport() {
	ex := loadExport(s.ui.app.Preferences())
	tc := s.chartInput(ex.size, ex.dark)
	name := "topics.png"
	if tc.trend {
		name = "topic-trend.png"
	}
	s.ui.saveInBackground(name, func(path string) error {
		img, err := tc.draw()
		if err != nil {
			return errors.New(chartError(err))
		}
		return charts.WritePNGFile(path, img, ex.size.DPI)
	}, func(path string) {
		s.status.SetText(lang.L("Saved {{.Path}}", map[string]any{"Path": path}))
	})
}

package bank

import (
	"fmt"
	"strconv"
	"strings"

	"csatdesk/data"
)

// LabelPreset is a style of labels for the points of a rating scale.
type LabelPreset string

// The label presets.
const (
	// PresetNumbers labels each point with its number: "1", "2", …
	PresetNumbers LabelPreset = "numbers"
	// PresetWords labels the points with satisfaction words ("Very
	// dissatisfied" … "Very satisfied"); on a 10-point scale only the end
	// points have words and the others keep their numbers.
	PresetWords LabelPreset = "words"
	// PresetStars labels the points ★, ★★, ★★★ …
	PresetStars LabelPreset = "stars"
	// PresetEmoji labels the points with faces from 😞 to 😀. The embedded
	// PDF font has no emoji, so printed forms draw these as numbers.
	PresetEmoji LabelPreset = "emoji"
)

// LabelPresets lists the presets in the order a designer offers them.
var LabelPresets = []LabelPreset{PresetNumbers, PresetWords, PresetStars, PresetEmoji}

// The word label sets, one entry per language.
var (
	satisfied3 = [nLang][]string{
		{"Dissatisfied", "Neutral", "Satisfied"},
		{"Недоволен", "Нейтрально", "Доволен"},
		{"Neapmierināts", "Neitrāli", "Apmierināts"},
		{"Insoddisfatto", "Neutrale", "Soddisfatto"},
		{"不满意", "一般", "满意"},
		{"不滿意", "普通", "滿意"},
	}
	// satisfied4 has no middle: a balanced 4-point scale, satisfied 3–4.
	satisfied4 = [nLang][]string{
		{"Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"},
		{"Очень недоволен", "Недоволен", "Доволен", "Очень доволен"},
		{"Ļoti neapmierināts", "Neapmierināts", "Apmierināts", "Ļoti apmierināts"},
		{"Molto insoddisfatto", "Insoddisfatto", "Soddisfatto", "Molto soddisfatto"},
		{"非常不满意", "不满意", "满意", "非常满意"},
		{"非常不滿意", "不滿意", "滿意", "非常滿意"},
	}
	satisfied5 = [nLang][]string{
		{"Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"},
		{"Очень недоволен", "Недоволен", "Нейтрально", "Доволен", "Очень доволен"},
		{"Ļoti neapmierināts", "Neapmierināts", "Neitrāli", "Apmierināts", "Ļoti apmierināts"},
		{"Molto insoddisfatto", "Insoddisfatto", "Neutrale", "Soddisfatto", "Molto soddisfatto"},
		{"非常不满意", "不满意", "一般", "满意", "非常满意"},
		{"非常不滿意", "不滿意", "普通", "滿意", "非常滿意"},
	}
	// satisfied6 has no middle: a balanced 6-point scale, satisfied 5–6.
	satisfied6 = [nLang][]string{
		{"Very dissatisfied", "Dissatisfied", "Somewhat dissatisfied", "Somewhat satisfied", "Satisfied", "Very satisfied"},
		{"Очень недоволен", "Недоволен", "Скорее недоволен", "Скорее доволен", "Доволен", "Очень доволен"},
		{"Ļoti neapmierināts", "Neapmierināts", "Drīzāk neapmierināts", "Drīzāk apmierināts", "Apmierināts", "Ļoti apmierināts"},
		{"Molto insoddisfatto", "Insoddisfatto", "Abbastanza insoddisfatto", "Abbastanza soddisfatto", "Soddisfatto", "Molto soddisfatto"},
		{"非常不满意", "不满意", "有点不满意", "有点满意", "满意", "非常满意"},
		{"非常不滿意", "不滿意", "有點不滿意", "有點滿意", "滿意", "非常滿意"},
	}
	satisfied7 = [nLang][]string{
		{"Very dissatisfied", "Dissatisfied", "Somewhat dissatisfied", "Neutral", "Somewhat satisfied", "Satisfied", "Very satisfied"},
		{"Очень недоволен", "Недоволен", "Скорее недоволен", "Нейтрально", "Скорее доволен", "Доволен", "Очень доволен"},
		{"Ļoti neapmierināts", "Neapmierināts", "Drīzāk neapmierināts", "Neitrāli", "Drīzāk apmierināts", "Apmierināts", "Ļoti apmierināts"},
		{"Molto insoddisfatto", "Insoddisfatto", "Abbastanza insoddisfatto", "Neutrale", "Abbastanza soddisfatto", "Soddisfatto", "Molto soddisfatto"},
		{"非常不满意", "不满意", "有点不满意", "一般", "有点满意", "满意", "非常满意"},
		{"非常不滿意", "不滿意", "有點不滿意", "普通", "有點滿意", "滿意", "非常滿意"},
	}
	agree5 = [nLang][]string{
		{"Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"},
		{"Совершенно не согласен", "Не согласен", "Нейтрально", "Согласен", "Полностью согласен"},
		{"Pilnīgi nepiekrītu", "Nepiekrītu", "Neitrāli", "Piekrītu", "Pilnīgi piekrītu"},
		{"Per niente d'accordo", "In disaccordo", "Neutrale", "D'accordo", "Completamente d'accordo"},
		{"非常不同意", "不同意", "中立", "同意", "非常同意"},
		{"非常不同意", "不同意", "中立", "同意", "非常同意"},
	}
	agree7 = [nLang][]string{
		{"Strongly disagree", "Disagree", "Somewhat disagree", "Neutral", "Somewhat agree", "Agree", "Strongly agree"},
		{"Совершенно не согласен", "Не согласен", "Скорее не согласен", "Нейтрально", "Скорее согласен", "Согласен", "Полностью согласен"},
		{"Pilnīgi nepiekrītu", "Nepiekrītu", "Drīzāk nepiekrītu", "Neitrāli", "Drīzāk piekrītu", "Piekrītu", "Pilnīgi piekrītu"},
		{"Per niente d'accordo", "In disaccordo", "Parzialmente in disaccordo", "Neutrale", "Parzialmente d'accordo", "D'accordo", "Completamente d'accordo"},
		{"非常不同意", "不同意", "有点不同意", "中立", "有点同意", "同意", "非常同意"},
		{"非常不同意", "不同意", "有點不同意", "中立", "有點同意", "同意", "非常同意"},
	}
	easy7 = [nLang][]string{
		{"Very difficult", "Difficult", "Somewhat difficult", "Neutral", "Somewhat easy", "Easy", "Very easy"},
		{"Очень сложно", "Сложно", "Скорее сложно", "Нейтрально", "Скорее легко", "Легко", "Очень легко"},
		{"Ļoti grūti", "Grūti", "Drīzāk grūti", "Neitrāli", "Drīzāk viegli", "Viegli", "Ļoti viegli"},
		{"Molto difficile", "Difficile", "Abbastanza difficile", "Neutrale", "Abbastanza facile", "Facile", "Molto facile"},
		{"非常困难", "困难", "有点困难", "一般", "有点容易", "容易", "非常容易"},
		{"非常困難", "困難", "有點困難", "普通", "有點容易", "容易", "非常容易"},
	}
	likely5 = [nLang][]string{
		{"Very unlikely", "Unlikely", "Not sure", "Likely", "Very likely"},
		{"Очень маловероятно", "Маловероятно", "Не знаю", "Вероятно", "Очень вероятно"},
		{"Ļoti maz ticams", "Maz ticams", "Nezinu", "Ticams", "Ļoti ticams"},
		{"Molto improbabile", "Improbabile", "Non so", "Probabile", "Molto probabile"},
		{"非常不可能", "不太可能", "不确定", "可能", "非常可能"},
		{"非常不可能", "不太可能", "不確定", "可能", "非常可能"},
	}
	clear5 = [nLang][]string{
		{"Very unclear", "Unclear", "Neutral", "Clear", "Very clear"},
		{"Совсем непонятно", "Непонятно", "Нейтрально", "Понятно", "Очень понятно"},
		{"Pilnīgi neskaidri", "Neskaidri", "Neitrāli", "Skaidri", "Ļoti skaidri"},
		{"Per niente chiaro", "Poco chiaro", "Neutrale", "Chiaro", "Molto chiaro"},
		{"非常不明确", "不明确", "一般", "明确", "非常明确"},
		{"非常不明確", "不明確", "普通", "明確", "非常明確"},
	}
	like5 = [nLang][]string{
		{"Not at all", "Not much", "Somewhat", "A lot", "Very much"},
		{"Совсем нет", "Не очень", "Отчасти", "Понравился", "Очень понравился"},
		{"Nemaz", "Maz", "Daļēji", "Patīk", "Ļoti patīk"},
		{"Per niente", "Poco", "Abbastanza", "Molto", "Moltissimo"},
		{"完全不喜欢", "不太喜欢", "一般", "喜欢", "非常喜欢"},
		{"完全不喜歡", "不太喜歡", "普通", "喜歡", "非常喜歡"},
	}
	yesNo = [nLang][]string{
		{"No", "Yes"},
		{"Нет", "Да"},
		{"Nē", "Jā"},
		{"No", "Sì"},
		{"否", "是"},
		{"否", "是"},
	}
	// satisfied11Ends label the end points of the 0–10 satisfaction scale.
	satisfied11Ends = [nLang][2]string{
		{"Not at all satisfied", "Completely satisfied"},
		{"Совсем не доволен", "Полностью доволен"},
		{"Nemaz neapmierināts", "Pilnīgi apmierināts"},
		{"Per niente soddisfatto", "Completamente soddisfatto"},
		{"完全不满意", "完全满意"},
		{"完全不滿意", "完全滿意"},
	}
	npsEnds = [nLang][2]string{
		{"Not at all likely", "Extremely likely"},
		{"Совсем маловероятно", "Крайне вероятно"},
		{"Nemaz nav ticams", "Ļoti ticams"},
		{"Per niente probabile", "Estremamente probabile"},
		{"完全不可能", "极有可能"},
		{"完全不可能", "極有可能"},
	}
)

var (
	emoji3  = []string{"🙁", "😐", "🙂"}
	emoji4  = []string{"😞", "🙁", "🙂", "😀"}
	emoji5  = []string{"😞", "🙁", "😐", "🙂", "😀"}
	emoji6  = []string{"😠", "😞", "🙁", "🙂", "😀", "😍"}
	emoji7  = []string{"😠", "😞", "🙁", "😐", "🙂", "😀", "😍"}
	emoji10 = []string{"😡", "😠", "😞", "🙁", "😕", "😐", "🙂", "😊", "😀", "😍"}
)

// Labels returns labels for the points of a rating scale in lang (English
// when unknown): one label per point, none empty. points is the number of
// points, 3, 4, 5, 6, 7 or 10 for CSAT scales starting at 1; 11 means a 0–10
// scale (numbered from 0; words: "Not at all satisfied" under 0 and
// "Completely satisfied" under 10, numbers between). Other point counts from
// 2 to 10 get numbers, stars or words on the end points only; points < 1
// gives nil.
func Labels(lang string, preset LabelPreset, points int) []string {
	if points < 1 || points > data.MaxValue+1 {
		return nil
	}
	li := index(lang)
	first := 1
	if points == data.MaxValue+1 {
		first = 0
	}
	out := make([]string, points)
	for i := range out {
		out[i] = strconv.Itoa(first + i)
	}
	switch preset {
	case PresetWords:
		switch points {
		case 3:
			return clone(satisfied3[li])
		case 4:
			return clone(satisfied4[li])
		case 5:
			return clone(satisfied5[li])
		case 6:
			return clone(satisfied6[li])
		case 7:
			return clone(satisfied7[li])
		case data.MaxValue + 1:
			out[0], out[points-1] = satisfied11Ends[li][0], satisfied11Ends[li][1]
			return out
		}
		if points >= 2 {
			out[0], out[points-1] = satisfied5[li][0], satisfied5[li][4]
		}
	case PresetStars:
		if first == 0 {
			break // eleven rows of stars from 0 read badly: numbers
		}
		for i := range out {
			out[i] = strings.Repeat("★", i+1)
		}
	case PresetEmoji:
		switch points {
		case 3:
			return clone(emoji3)
		case 4:
			return clone(emoji4)
		case 5:
			return clone(emoji5)
		case 6:
			return clone(emoji6)
		case 7:
			return clone(emoji7)
		case 10:
			return clone(emoji10)
		}
	}
	return out
}

// SatisfactionLabels returns the word labels of a satisfaction scale with
// the given number of points: Labels(lang, PresetWords, points).
func SatisfactionLabels(lang string, points int) []string {
	return Labels(lang, PresetWords, points)
}

// YesNoLabels returns the labels of a yes/no question in lang, in value
// order: the label of 0 ("No") then of 1 ("Yes").
func YesNoLabels(lang string) []string { return clone(yesNo[index(lang)]) }

// AgreementLabels returns the seven labels of the CES agreement scale,
// "Strongly disagree" … "Strongly agree", in lang.
func AgreementLabels(lang string) []string { return clone(agree7[index(lang)]) }

var (
	npsText = tr{
		"How likely are you to recommend %s to a friend or colleague?",
		"Насколько вероятно, что вы порекомендуете компанию «%s» другу или коллеге?",
		"Cik ticams ir, ka jūs ieteiksiet %s draugam vai kolēģim?",
		"Con quale probabilità consiglierebbe %s a un amico o a un collega?",
		"您向朋友或同事推荐%s的可能性有多大？",
		"您向朋友或同事推薦%s的可能性有多大？",
	}
	npsTextUs = tr{
		"How likely are you to recommend us to a friend or colleague?",
		"Насколько вероятно, что вы порекомендуете нас другу или коллеге?",
		"Cik ticams ir, ka jūs ieteiksiet mūs draugam vai kolēģim?",
		"Con quale probabilità ci consiglierebbe a un amico o a un collega?",
		"您向朋友或同事推荐我们的可能性有多大？",
		"您向朋友或同事推薦我們的可能性有多大？",
	}
	cesText = tr{
		"%s made it easy for me to %s.",
		"Компания «%s» позволила мне легко %s.",
		"%s man ļāva viegli %s.",
		"%s mi ha reso facile %s.",
		"%s让我能够轻松地%s。",
		"%s讓我能夠輕鬆地%s。",
	}
	cesTextUs = tr{
		"It was easy for me to %s.",
		"Мне было легко %s.",
		"Man bija viegli %s.",
		"È stato facile %s.",
		"我能够轻松地%s。",
		"我能夠輕鬆地%s。",
	}
	// CES tasks used by the templates.
	taskIssue = tr{
		"handle my issue",
		"решить мой вопрос",
		"atrisināt savu jautājumu",
		"risolvere il mio problema",
		"解决我的问题",
		"解決我的問題",
	}
	taskNeeds = tr{
		"get what I needed",
		"получить то, что мне было нужно",
		"saņemt to, kas man bija vajadzīgs",
		"ottenere ciò di cui avevo bisogno",
		"获得我所需要的",
		"獲得我所需要的",
	}
)

// NPSQuestion returns the standard Net Promoter Score question in lang
// ("How likely are you to recommend [company] to a friend or colleague?"),
// 0–10 with "Not at all likely" under 0 and "Extremely likely" under 10.
// An empty company asks about "us". Code is "nps".
func NPSQuestion(lang, company string) data.Question {
	li := index(lang)
	company = strings.TrimSpace(company)
	text := npsTextUs[li]
	if company != "" {
		text = fmt.Sprintf(npsText[li], company)
		if li == ru && strings.ContainsAny(company, "«\"„") {
			// «Кафе «Пушкин»» reads badly: name it without the outer quotes.
			text = fmt.Sprintf("Насколько вероятно, что вы порекомендуете %s другу или коллеге?", company)
		}
	}
	q := data.NewQuestion(data.KindNPS, text, 0)
	q.Code = "nps"
	q.Labels = make([]string, 11)
	q.Labels[0], q.Labels[10] = npsEnds[li][0], npsEnds[li][1]
	return q
}

// CESQuestion returns the standard Customer Effort Score statement in lang
// ("[company] made it easy for me to [task].") on the 1–7 agreement scale
// "Strongly disagree" … "Strongly agree", satisfied (agree) from 5. task is
// an infinitive phrase in lang without "to" ("handle my issue"); an empty
// task uses that default. An empty company gives "It was easy for me to
// [task].". Code is "ces".
func CESQuestion(lang, company, task string) data.Question {
	li := index(lang)
	company, task = strings.TrimSpace(company), strings.TrimSpace(task)
	if task == "" {
		task = taskIssue[li]
	}
	task = strings.TrimRight(task, ".。")
	text := fmt.Sprintf(cesTextUs[li], task)
	if company != "" {
		text = fmt.Sprintf(cesText[li], company, task)
		if li == ru && strings.ContainsAny(company, "«\"„") {
			text = fmt.Sprintf("%s: мне было легко %s.", company, task)
		}
	}
	q := data.NewQuestion(data.KindCES, text, 0)
	q.Code = "ces"
	q.Labels = clone(agree7[li])
	return q
}

func clone(s []string) []string { return append([]string(nil), s...) }

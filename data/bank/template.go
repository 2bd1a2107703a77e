package bank

import (
	"strings"

	"csatdesk/data"
)

// Template is a ready-made survey a business can start from and edit.
type Template struct {
	ID          string // stable: "after_purchase", "after_support", "website", "restaurant", "quarterly_nps"
	Name        string // in the language Templates was asked for
	Description string // one line, in the same language
	// Questions is the number of questions the survey will have.
	Questions int

	parts []part
}

// part is one question of a template: a bank or template item, or one of
// the standard NPS/CES questions.
type part struct {
	item *item
	nps  bool
	ces  *tr // the CES task
}

// Extra items used only by templates.
var (
	overallPurchase = item{"overall", scSatisfied5, tr{
		"Overall, how satisfied are you with your purchase?",
		"В целом, насколько вы довольны покупкой?",
		"Kopumā, cik apmierināti esat ar pirkumu?",
		"Nel complesso, quanto è soddisfatto del suo acquisto?",
		"总体而言，您对这次购买的满意度如何？",
		"總體而言，您對這次購買的滿意度如何？",
	}}
	overallSupport = item{"overall", scSatisfied5, tr{
		"Overall, how satisfied are you with the support you received?",
		"В целом, насколько вы довольны полученной поддержкой?",
		"Kopumā, cik apmierināti esat ar saņemto atbalstu?",
		"Nel complesso, quanto è soddisfatto dell'assistenza ricevuta?",
		"总体而言，您对所获得的支持服务满意度如何？",
		"總體而言，您對所獲得的支援服務滿意度如何？",
	}}
	overallVisit = item{"overall", scSatisfied5, tr{
		"Overall, how satisfied are you with your visit today?",
		"В целом, насколько вы довольны сегодняшним визитом?",
		"Kopumā, cik apmierināti esat ar šodienas apmeklējumu?",
		"Nel complesso, quanto è soddisfatto della visita di oggi?",
		"总体而言，您对今天的用餐体验满意度如何？",
		"總體而言，您對今天的用餐體驗滿意度如何？",
	}}
	overallRelationship = item{"overall", scSatisfied5, tr{
		"Overall, how satisfied are you with working with us?",
		"В целом, насколько вы довольны сотрудничеством с нами?",
		"Kopumā, cik apmierināti esat ar sadarbību ar mums?",
		"Nel complesso, quanto è soddisfatto della collaborazione con noi?",
		"总体而言，您对与我们的合作满意度如何？",
		"總體而言，您對與我們的合作滿意度如何？",
	}}
	food = item{"food", scSatisfied5, tr{
		"How satisfied are you with the food and drinks?",
		"Насколько вы довольны едой и напитками?",
		"Cik apmierināti esat ar ēdienu un dzērieniem?",
		"Quanto è soddisfatto del cibo e delle bevande?",
		"您对食物和饮品的满意度如何？",
		"您對食物和飲品的滿意度如何？",
	}}
	staff = item{"staff", scSatisfied5, tr{
		"How satisfied are you with the friendliness of our staff?",
		"Насколько вы довольны доброжелательностью персонала?",
		"Cik apmierināti esat ar mūsu darbinieku laipnību?",
		"Quanto è soddisfatto della cortesia del personale?",
		"您对服务人员的友好程度满意度如何？",
		"您對服務人員的友善程度滿意度如何？",
	}}
	waiting = item{"waiting", scSatisfied5, tr{
		"How satisfied are you with the waiting time?",
		"Насколько вы довольны временем ожидания?",
		"Cik apmierināti esat ar gaidīšanas laiku?",
		"Quanto è soddisfatto del tempo di attesa?",
		"您对等候时间的满意度如何？",
		"您對等候時間的滿意度如何？",
	}}
	cleanliness = item{"cleanliness", scSatisfied5, tr{
		"How satisfied are you with the cleanliness?",
		"Насколько вы довольны чистотой?",
		"Cik apmierināti esat ar tīrību?",
		"Quanto è soddisfatto della pulizia del locale?",
		"您对环境卫生的满意度如何？",
		"您對環境衛生的滿意度如何？",
	}}
	value = item{"value", scSatisfied5, tr{
		"How satisfied are you with the value for money?",
		"Насколько вы довольны соотношением цены и качества?",
		"Cik apmierināti esat ar cenas un kvalitātes attiecību?",
		"Quanto è soddisfatto del rapporto qualità-prezzo?",
		"您对性价比的满意度如何？",
		"您對性價比的滿意度如何？",
	}}
	offerQuality = item{"quality", scSatisfied5, tr{
		"How satisfied are you with the quality of our products and services?",
		"Насколько вы довольны качеством наших товаров и услуг?",
		"Cik apmierināti esat ar mūsu preču un pakalpojumu kvalitāti?",
		"Quanto è soddisfatto della qualità dei nostri prodotti e servizi?",
		"您对我们产品和服务的质量满意度如何？",
		"您對我們產品和服務的質量滿意度如何？",
	}}
	responsiveness = item{"responsiveness", scSatisfied5, tr{
		"How satisfied are you with how quickly we respond to you?",
		"Насколько вы довольны тем, как быстро мы отвечаем на ваши запросы?",
		"Cik apmierināti esat ar to, cik ātri mēs atbildam uz jūsu jautājumiem?",
		"Quanto è soddisfatto della rapidità delle nostre risposte?",
		"您对我们回应速度的满意度如何？",
		"您對我們回應速度的滿意度如何？",
	}}
	comment = item{"feedback", scText, tr{
		"Is there anything else you would like to tell us?",
		"Хотите ли вы что-нибудь ещё нам сообщить?",
		"Vai vēlaties mums vēl ko pastāstīt?",
		"C'è qualcos'altro che vorrebbe dirci?",
		"您还有什么想告诉我们的吗？",
		"您還有什麼想告訴我們的嗎？",
	}}
	improve = item{"improve", scText, tr{
		"What is one thing we could do better?",
		"Что нам стоит улучшить в первую очередь?",
		"Ko mēs varētu darīt labāk?",
		"Che cosa potremmo fare meglio?",
		"我们有哪一点可以做得更好？",
		"我們有哪一點可以做得更好？",
	}}
)

// bankItem returns a pointer to the bank item with code in topic t; it
// panics on a typo, which the tests catch.
func bankItem(t Topic, code string) part {
	for i := range banks[t] {
		if banks[t][i].code == code {
			return part{item: &banks[t][i]}
		}
	}
	panic("bank: no item " + code + " in " + string(t))
}

func ext(it *item) part { return part{item: it} }

type templateDef struct {
	id          string
	name, descr tr
	parts       []part
}

var templates = []templateDef{
	{
		id:   "after_purchase",
		name: tr{"After purchase", "После покупки", "Pēc pirkuma", "Dopo l'acquisto", "购买后调查", "購買後調查"},
		descr: tr{
			"Satisfaction with an order: buying, delivery and the product.",
			"Удовлетворённость заказом: покупка, доставка и товар.",
			"Apmierinātība ar pasūtījumu: pirkšana, piegāde un prece.",
			"Soddisfazione per un ordine: acquisto, consegna e prodotto.",
			"对订单的满意度：购买、配送和产品。",
			"對訂單的滿意度：購買、配送和產品。",
		},
		parts: []part{
			ext(&overallPurchase),
			bankItem(TopicOrder, "purchase_ease"),
			bankItem(TopicOrder, "on_time"),
			bankItem(TopicProduct, "quality"),
			bankItem(TopicProduct, "photos_accurate"),
			bankItem(TopicOrder, "buy_again"),
			ext(&comment),
		},
	},
	{
		id:   "after_support",
		name: tr{"After support", "После обращения в поддержку", "Pēc atbalsta saņemšanas", "Dopo l'assistenza", "客服支持后调查", "客服支援後調查"},
		descr: tr{
			"Right after a support conversation: speed, resolution and effort.",
			"Сразу после обращения в поддержку: скорость, результат и усилия.",
			"Uzreiz pēc saziņas ar atbalstu: ātrums, rezultāts un piepūle.",
			"Subito dopo un contatto con l'assistenza: rapidità, soluzione e impegno richiesto.",
			"客服沟通结束后立即进行：速度、解决结果和费力程度。",
			"客服溝通結束後立即進行：速度、解決結果和費力程度。",
		},
		parts: []part{
			ext(&overallSupport),
			bankItem(TopicService, "speed"),
			bankItem(TopicService, "resolution"),
			bankItem(TopicService, "resolved_today"),
			{ces: &taskIssue},
			ext(&comment),
		},
	},
	{
		id:   "website",
		name: tr{"Website experience", "Удобство сайта", "Tīmekļa vietnes pieredze", "Esperienza sul sito web", "网站体验", "網站體驗"},
		descr: tr{
			"How easy the online shop is to use.",
			"Насколько удобно пользоваться интернет-магазином.",
			"Cik ērti ir lietot interneta veikalu.",
			"Quanto è facile usare il negozio online.",
			"网上商店使用起来有多方便。",
			"網上商店使用起來有多方便。",
		},
		parts: []part{
			bankItem(TopicWebsite, "account"),
			bankItem(TopicWebsite, "checkout"),
			bankItem(TopicWebsite, "find_products"),
			bankItem(TopicWebsite, "policy"),
			bankItem(TopicWebsite, "payment"),
			bankItem(TopicWebsite, "return_visit"),
			ext(&comment),
		},
	},
	{
		id:   "restaurant",
		name: tr{"Restaurant / café visit", "Посещение ресторана / кафе", "Restorāna / kafejnīcas apmeklējums", "Visita al ristorante / bar", "餐厅 / 咖啡馆用餐", "餐廳 / 咖啡館用餐"},
		descr: tr{
			"A table card for guests: food, staff, waiting time, cleanliness and value.",
			"Карточка для гостей: еда, персонал, ожидание, чистота и цена.",
			"Kartīte viesiem: ēdiens, personāls, gaidīšana, tīrība un cena.",
			"Un biglietto per gli ospiti: cibo, personale, attesa, pulizia e prezzo.",
			"给客人的桌卡：食物、员工、等候、卫生和性价比。",
			"給客人的桌卡：食物、員工、等候、衛生和性價比。",
		},
		parts: []part{
			ext(&overallVisit),
			ext(&food),
			ext(&staff),
			ext(&waiting),
			ext(&cleanliness),
			ext(&value),
			{nps: true},
			ext(&comment),
		},
	},
	{
		id:   "quarterly_nps",
		name: tr{"Quarterly relationship survey with NPS", "Ежеквартальный опрос лояльности с NPS", "Ceturkšņa attiecību aptauja ar NPS", "Sondaggio trimestrale di relazione con NPS", "季度客户关系调查（含NPS）", "季度客戶關係調查（含NPS）"},
		descr: tr{
			"Every three months for regular customers: overall satisfaction, effort and NPS.",
			"Раз в три месяца для постоянных клиентов: общая удовлетворённость, усилия и NPS.",
			"Reizi trijos mēnešos pastāvīgajiem klientiem: kopējā apmierinātība, piepūle un NPS.",
			"Ogni tre mesi per i clienti abituali: soddisfazione generale, impegno richiesto e NPS.",
			"每三个月面向老客户：总体满意度、费力程度和NPS。",
			"每三個月面向老客戶：總體滿意度、費力程度和NPS。",
		},
		parts: []part{
			ext(&overallRelationship),
			ext(&offerQuality),
			ext(&value),
			ext(&responsiveness),
			{ces: &taskNeeds},
			{nps: true},
			ext(&improve),
		},
	},
}

// Templates returns the survey templates with names and descriptions in
// lang (English when unknown), in a fixed order: after purchase, after
// support, website experience, restaurant / café visit, quarterly
// relationship survey with NPS.
func Templates(lang string) []Template {
	li := index(lang)
	out := make([]Template, len(templates))
	for i, d := range templates {
		out[i] = Template{ID: d.id, Name: d.name[li], Description: d.descr[li], Questions: len(d.parts), parts: d.parts}
	}
	return out
}

// TemplateByID returns the template with the given ID in lang.
func TemplateByID(lang, id string) (Template, bool) {
	for _, t := range Templates(lang) {
		if t.ID == id {
			return t, true
		}
	}
	return Template{}, false
}

// Survey returns a new survey built from the template in lang (English
// when unknown) for business, which is printed on forms and named in the
// NPS and CES questions (an empty business asks about "us"). The survey is
// complete and valid: a name, the description, Language and Business set,
// questions with IDs from Survey.AddQuestion and unique codes. It has no
// store ID or timestamps; the caller saves it and may edit it freely. A
// zero Template gives a survey without questions, which does not validate.
func (t Template) Survey(lang, business string) data.Survey {
	li := index(lang)
	business = strings.TrimSpace(business)
	sv := data.Survey{
		Name:     t.Name,
		Business: business,
		Language: Languages[li].Code,
		Version:  1,
	}
	for _, d := range templates {
		if d.id == t.ID {
			sv.Name, sv.Description = d.name[li], d.descr[li]
		}
	}
	for _, p := range t.parts {
		var q data.Question
		switch {
		case p.nps:
			q = NPSQuestion(Languages[li].Code, business)
		case p.ces != nil:
			q = CESQuestion(Languages[li].Code, business, p.ces[li])
		default:
			q = p.item.question(li)
		}
		sv.AddQuestion(q)
	}
	return sv
}

package bank

import "csatdesk/data"

// Topic names a question bank.
type Topic string

// The topics of the question banks.
const (
	TopicService Topic = "service" // customer service and support
	TopicWebsite Topic = "website" // online shop
	TopicOrder   Topic = "order"   // ordering and delivery
	TopicProduct Topic = "product" // the product itself
)

// Topics lists the topics in the order a designer offers them.
var Topics = []Topic{TopicService, TopicWebsite, TopicOrder, TopicProduct}

// scale says which kind, points and labels an item is asked on.
type scale int

const (
	scSatisfied5 scale = iota // rating 1–5, Very dissatisfied … Very satisfied
	scAgree5                  // rating 1–5, Strongly disagree … Strongly agree
	scLikely5                 // rating 1–5, Very unlikely … Very likely
	scClear5                  // rating 1–5, Very unclear … Very clear
	scLike5                   // rating 1–5, Not at all … Very much
	scEase7                   // CES 1–7, Very difficult … Very easy
	scYesNo                   // yes/no
	scText                    // open comment
)

// item is one bank question in every language.
type item struct {
	code  string
	scale scale
	text  tr
}

// question builds the item in language li.
func (it item) question(li int) data.Question {
	var q data.Question
	switch it.scale {
	case scEase7:
		q = data.NewQuestion(data.KindCES, it.text[li], 0)
		q.Labels = clone(easy7[li])
	case scYesNo:
		q = data.NewQuestion(data.KindYesNo, it.text[li], 0)
		q.Labels = clone(yesNo[li])
	case scText:
		q = data.NewQuestion(data.KindText, it.text[li], 0)
	default:
		q = data.NewQuestion(data.KindRating, it.text[li], 5)
		sets := map[scale][nLang][]string{
			scSatisfied5: satisfied5, scAgree5: agree5, scLikely5: likely5,
			scClear5: clear5, scLike5: like5,
		}
		q.Labels = clone(sets[it.scale][li])
	}
	q.Code = it.code
	return q
}

var banks = map[Topic][]item{
	TopicService: {
		{"speed", scSatisfied5, tr{
			"How satisfied are you with the speed of resolution?",
			"Насколько вы довольны скоростью решения вашего вопроса?",
			"Cik apmierināti esat ar jūsu jautājuma risināšanas ātrumu?",
			"Quanto è soddisfatto della rapidità con cui è stato risolto il problema?",
			"您对解决速度的满意度如何？",
			"您對解決速度的滿意度如何？",
		}},
		{"ease_of_solving", scEase7, tr{
			"How easy was it to get your problem solved?",
			"Насколько легко было решить вашу проблему?",
			"Cik viegli bija atrisināt jūsu problēmu?",
			"Quanto è stato facile risolvere il suo problema?",
			"解决您的问题有多简单？",
			"解決您的問題有多簡單？",
		}},
		{"resolution", scSatisfied5, tr{
			"How satisfied are you with the resolution of your issue?",
			"Насколько вы довольны тем, как был решён ваш вопрос?",
			"Cik apmierināti esat ar to, kā jūsu jautājums tika atrisināts?",
			"Quanto è soddisfatto della soluzione ricevuta?",
			"您对问题的解决结果满意度如何？",
			"您對問題的解決結果滿意度如何？",
		}},
		{"resolved_today", scAgree5, tr{
			"Do you agree that your issue was resolved effectively today?",
			"Согласны ли вы, что сегодня ваш вопрос был решён эффективно?",
			"Vai piekrītat, ka jūsu jautājums šodien tika efektīvi atrisināts?",
			"È d'accordo che oggi il suo problema è stato risolto in modo efficace?",
			"您是否同意您的问题今天已得到有效解决？",
			"您是否同意您的問題今天已得到有效解決？",
		}},
	},
	TopicWebsite: {
		{"account", scEase7, tr{
			"How easy was it to create an account?",
			"Насколько легко было создать учётную запись?",
			"Cik viegli bija izveidot kontu?",
			"Quanto è stato facile creare un account?",
			"创建一个账户有多简单？",
			"創建一個帳戶有多簡單？",
		}},
		{"checkout", scEase7, tr{
			"How easy was it to complete your purchase?",
			"Насколько легко было оформить покупку?",
			"Cik viegli bija pabeigt pirkumu?",
			"Quanto è stato facile completare l'acquisto?",
			"完成购买有多容易？",
			"完成購買有多容易？",
		}},
		{"find_products", scEase7, tr{
			"How easy was it to find the products you needed?",
			"Насколько легко было найти нужные вам товары?",
			"Cik viegli bija atrast vajadzīgās preces?",
			"Quanto è stato facile trovare i prodotti che cercava?",
			"找到您需要的产品有多容易？",
			"找到您需要的產品有多容易？",
		}},
		{"policy", scClear5, tr{
			"How clear is our shipping and returns policy?",
			"Насколько понятны наши условия доставки и возврата?",
			"Cik skaidri ir mūsu piegādes un preču atgriešanas noteikumi?",
			"Quanto sono chiare le nostre condizioni di spedizione e reso?",
			"我们的运输和退货政策有多明确？",
			"我們的運輸和退貨政策有多明確？",
		}},
		{"payment", scSatisfied5, tr{
			"How satisfied are you with the payment options?",
			"Насколько вы довольны доступными способами оплаты?",
			"Cik apmierināti esat ar pieejamajiem apmaksas veidiem?",
			"Quanto è soddisfatto delle modalità di pagamento disponibili?",
			"您对付款方式的满意程度如何？",
			"您對付款方式的滿意程度如何？",
		}},
		{"return_visit", scLikely5, tr{
			"How likely are you to return to our website?",
			"Насколько вероятно, что вы снова зайдёте на наш сайт?",
			"Cik ticams ir, ka jūs atkal apmeklēsiet mūsu vietni?",
			"Quanto è probabile che torni a visitare il nostro sito?",
			"您返回我们网站的可能性有多大？",
			"您返回我們網站的可能性有多大？",
		}},
	},
	TopicOrder: {
		{"purchase_ease", scEase7, tr{
			"How easy was the purchase process?",
			"Насколько легко было оформить заказ?",
			"Cik viegli bija veikt pirkumu?",
			"Quanto è stato facile il processo di acquisto?",
			"购买过程有多容易？",
			"購買過程有多容易？",
		}},
		{"on_time", scSatisfied5, tr{
			"How satisfied are you with the on-time arrival of your order?",
			"Насколько вы довольны тем, что заказ пришёл вовремя?",
			"Cik apmierināti esat ar to, ka pasūtījums tika piegādāts laikā?",
			"Quanto è soddisfatto della puntualità della consegna?",
			"您对订单准时到达的满意度如何？",
			"您對訂單準時到達的滿意度如何？",
		}},
		{"tracking", scClear5, tr{
			"How clear and transparent was the order tracking?",
			"Насколько понятным и прозрачным было отслеживание заказа?",
			"Cik skaidra un pārskatāma bija pasūtījuma izsekošana?",
			"Quanto è stato chiaro e trasparente il tracciamento dell'ordine?",
			"订单跟踪的透明度如何？",
			"訂單跟踪的透明度如何？",
		}},
		{"buy_again", scLikely5, tr{
			"How likely are you to buy from us again?",
			"Насколько вероятно, что вы снова сделаете у нас покупку?",
			"Cik ticams ir, ka jūs atkal iepirksieties pie mums?",
			"Quanto è probabile che acquisti di nuovo da noi?",
			"您再次向我们购买的可能性有多大？",
			"您再次向我們購買的可能性有多大？",
		}},
	},
	TopicProduct: {
		{"liking", scLike5, tr{
			"How much do you like the product?",
			"Насколько вам понравился товар?",
			"Cik ļoti jums patīk šī prece?",
			"Quanto le è piaciuto il prodotto?",
			"您有多喜欢这个产品？",
			"您有多喜歡這個產品？",
		}},
		{"photos_accurate", scYesNo, tr{
			"Did the product photos accurately represent the product?",
			"Фотографии точно передавали, как выглядит товар?",
			"Vai preces fotoattēli precīzi atspoguļoja preci?",
			"Le foto rappresentavano fedelmente il prodotto?",
			"您觉得产品照片是否准确地代表了产品？",
			"您覺得產品照片是否準確地代表了產品？",
		}},
		{"options_accurate", scYesNo, tr{
			"Were the colour, size and options as described?",
			"Цвет, размер и другие параметры соответствовали описанию?",
			"Vai krāsa, izmērs un citas izvēles atbilda aprakstam?",
			"Colore, taglia e opzioni corrispondevano alla descrizione?",
			"颜色/尺码/选项准确吗？",
			"顏色/尺碼/選項準確嗎？",
		}},
		{"in_stock", scYesNo, tr{
			"Was everything you needed in stock?",
			"Все нужные вам товары были в наличии?",
			"Vai visas vajadzīgās preces bija pieejamas?",
			"Tutti i prodotti che desiderava erano disponibili?",
			"您需要的所有产品都有库存吗？",
			"您需要的所有產品都有庫存嗎？",
		}},
		{"quality", scSatisfied5, tr{
			"How satisfied are you with the quality of the product?",
			"Насколько вы довольны качеством товара?",
			"Cik apmierināti esat ar preces kvalitāti?",
			"Quanto è soddisfatto della qualità del prodotto?",
			"您对产品的质量满意吗？",
			"您對產品的質量滿意嗎？",
		}},
	},
}

// Bank returns the question bank of topic t in lang (English when lang is
// unknown), ready to add to a survey with Survey.AddQuestion. Every
// language has the same items in the same order with the same Code. An
// unknown topic gives nil. Each call returns fresh slices the caller may
// edit.
func Bank(lang string, t Topic) []data.Question {
	items := banks[t]
	if items == nil {
		return nil
	}
	li := index(lang)
	out := make([]data.Question, len(items))
	for i, it := range items {
		out[i] = it.question(li)
	}
	return out
}

// TopicName returns the name of topic t in lang ("Customer service").
func TopicName(lang string, t Topic) string {
	names := map[Topic]tr{
		TopicService: {"Customer service", "Обслуживание клиентов", "Klientu apkalpošana", "Assistenza clienti", "客户服务", "客戶服務"},
		TopicWebsite: {"Website", "Сайт", "Tīmekļa vietne", "Sito web", "网站", "網站"},
		TopicOrder:   {"Order and delivery", "Заказ и доставка", "Pasūtījums un piegāde", "Ordine e consegna", "订单与配送", "訂單與配送"},
		TopicProduct: {"Product", "Товар", "Prece", "Prodotto", "产品", "產品"},
	}
	n, ok := names[t]
	if !ok {
		return string(t)
	}
	return n[index(lang)]
}

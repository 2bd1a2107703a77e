package topics

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// corpusCase is one real-looking comment, the business it was left at and
// the topics a person reading it would file it under.
type corpusCase struct {
	biz  Business
	text string
	want string // topic IDs separated by spaces; "" = none
}

// corpus holds at least 30 comments per language, with inflected forms:
// Russian cases, Latvian cases and Italian plurals.
var corpus = map[string][]corpusCase{
	"en": {
		{Cafe, "The waiter was rude and we waited 40 minutes for our food", "waiting staff food"},
		{Cafe, "Lovely cozy place, great coffee", "food atmosphere"},
		{Cafe, "Too expensive for what you get", "price"},
		{Cafe, "Tables were sticky and the toilets dirty", "cleanliness"},
		{Cafe, "Service was really slow today", "speed"},
		{Cafe, "Friendly staff, quick service!", "speed staff"},
		{Cafe, "No parking anywhere nearby", "parking"},
		{Cafe, "Menu has a great choice of vegan dishes", "food choice"},
		{Cafe, "Music was too loud, could not talk", "atmosphere"},
		{Cafe, "Long queue at the counter", "waiting"},
		{Cafe, "Card payment did not work, had to pay cash", "payment"},
		{Cafe, "The soup was cold and salty", "food"},
		{Cafe, "Great value for money", "price"},
		{Cafe, "Everything perfect, thank you!", ""},
		{Cafe, "The barista smiled and remembered my name", "staff"},
		{Cafe, "Prices went up again", "price"},
		{Cafe, "Waiting times are getting longer", "waiting"},
		{Cafe, "Cleanest café in town", "cleanliness"},
		{Cafe, "We will come back", ""},
		{Shop, "Cashier was very helpful", "staff"},
		{Shop, "Poor quality, the handle broke after a week", "quality"},
		{Shop, "Could not find my size, small selection", "quality choice"},
		{Shop, "Queues at the checkout were long", "waiting"},
		{Shop, "Shelves were dusty", "cleanliness"},
		{Online, "Delivery took ages and the parcel arrived damaged", "speed quality delivery"},
		{Online, "The website kept logging me out at checkout", "website"},
		{Online, "Courier was polite", "staff delivery"},
		{Online, "Items out of stock after I paid", "quality choice payment"},
		{Online, "Shipping was faster than expected", "delivery"},
		{Service, "Could not get an appointment for two weeks", "booking"},
		{Service, "Hairdresser was friendly but I waited half an hour past my booking", "waiting staff booking"},
		{Service, "Salon was spotless and clean", "cleanliness"},
	},
	"ru": {
		{Cafe, "Официант был груб, ждали еду сорок минут", "waiting staff food"},
		{Cafe, "Очень уютно, вкусный кофе", "food atmosphere"},
		{Cafe, "Слишком дорого", "price"},
		{Cafe, "Грязные столы и туалет", "cleanliness"},
		{Cafe, "Обслуживание медленное", "speed staff"},
		{Cafe, "Спасибо официантке Маше за улыбку", "staff"},
		{Cafe, "Негде припарковаться", "parking"},
		{Cafe, "Большой выбор блюд в меню", "food choice"},
		{Cafe, "Музыка слишком громкая, шумно", "atmosphere"},
		{Cafe, "Огромная очередь на кассе", "waiting"},
		{Cafe, "Не принимают карты, только наличные", "payment"},
		{Cafe, "Суп холодный, пересоленный", "food"},
		{Cafe, "Цены кусаются", "price"},
		{Cafe, "Всё отлично, спасибо!", ""},
		{Cafe, "Долго ждали счёт", "speed waiting payment"},
		{Cafe, "Не понравились цены в меню", "price choice"},
		{Cafe, "Чистота идеальная", "cleanliness"},
		{Cafe, "Придём ещё", ""},
		{Cafe, "Пахло из туалета", "cleanliness"},
		{Cafe, "Персонал вежливый и приветливый", "staff"},
		{Shop, "Продавец нахамил", "staff"},
		{Shop, "Качество товара ужасное, через неделю сломалось", "quality"},
		{Shop, "В ассортименте мало размеров", "quality choice"},
		{Shop, "Кассир работал быстро", "speed staff"},
		{Online, "Доставка опоздала на два дня", "waiting delivery"},
		{Online, "Курьер привёз посылку вовремя", "delivery"},
		{Online, "На сайте не работает корзина", "website"},
		{Online, "Товар пришёл с браком", "quality"},
		{Online, "Оплатить картой не получилось", "payment"},
		{Service, "Записаться на приём очень сложно", "booking"},
		{Service, "Мастер опоздал, пришлось ждать", "waiting"},
		{Service, "В салоне чисто и уютно", "cleanliness atmosphere"},
	},
	"lv": {
		{Cafe, "Viesmīlis bija rupjš, ēdienu gaidījām 40 minūtes", "waiting staff food"},
		{Cafe, "Ļoti mājīgi, garšīga kafija", "food atmosphere"},
		{Cafe, "Pārāk dārgi", "price"},
		{Cafe, "Netīri galdi un tualete", "cleanliness"},
		{Cafe, "Apkalpošana bija lēna", "speed staff"},
		{Cafe, "Paldies viesmīlei par smaidu", "staff"},
		{Cafe, "Nav kur novietot auto, trūkst stāvvietu", "parking"},
		{Cafe, "Ēdienkartē liela izvēle", "choice"},
		{Cafe, "Mūzika pārāk skaļa", "atmosphere"},
		{Cafe, "Garā rindā pie kases", "waiting"},
		{Cafe, "Nevarēja samaksāt ar karti", "payment"},
		{Cafe, "Zupa bija auksta un sāļa", "food"},
		{Cafe, "Cenas ir augstas", "price"},
		{Cafe, "Viss lieliski, paldies!", ""},
		{Cafe, "Ilgi gaidījām rēķinu", "speed waiting payment"},
		{Cafe, "Tīrība nevainojama", "cleanliness"},
		{Cafe, "Noteikti atnāksim vēlreiz", ""},
		{Cafe, "Personāls laipns un pieklājīgs", "staff"},
		{Cafe, "Porcijas mazas par šādu cenu", "price food"},
		{Cafe, "Ēdiena garša izcila", "food"},
		{Shop, "Pārdevēja bija nelaipna", "staff"},
		{Shop, "Preces kvalitāte slikta, salūza pēc nedēļas", "quality"},
		{Shop, "Sortimentā nav mana izmēra", "quality choice"},
		{Shop, "Pie kasēm garas rindas", "waiting"},
		{Online, "Piegāde kavējās divas dienas", "waiting delivery"},
		{Online, "Kurjers piegādāja sūtījumu laikā", "delivery"},
		{Online, "Mājaslapā nestrādā grozs", "website"},
		{Online, "Prece atnāca bojāta", "quality"},
		{Online, "Apmaksa ar karti neizdevās", "payment"},
		{Service, "Pierakstīties pie friziera ir ļoti grūti", "booking"},
		{Service, "Salonā tīrs un mājīgs", "cleanliness atmosphere"},
		{Service, "Meistare nokavēja, nācās gaidīt", "waiting"},
	},
	"it": {
		{Cafe, "Il cameriere era scortese e abbiamo aspettato 40 minuti il cibo", "waiting staff food"},
		{Cafe, "Locale accogliente, caffè ottimo", "food atmosphere"},
		{Cafe, "Troppo caro", "price"},
		{Cafe, "Tavoli sporchi e bagni sporchi", "cleanliness"},
		{Cafe, "Servizio lento", "speed staff"},
		{Cafe, "Camerieri gentili e sorridenti", "staff"},
		{Cafe, "Impossibile parcheggiare", "parking"},
		{Cafe, "Ampia scelta nel menù", "choice"},
		{Cafe, "Musica troppo alta, rumoroso", "atmosphere"},
		{Cafe, "Lunga fila alla cassa", "waiting"},
		{Cafe, "Non accettano la carta, solo contanti", "payment"},
		{Cafe, "La zuppa era fredda e salata", "food"},
		{Cafe, "Prezzi alti per le porzioni piccole", "price food"},
		{Cafe, "Tutto perfetto, grazie!", ""},
		{Cafe, "Abbiamo atteso molto il conto", "waiting payment"},
		{Cafe, "Pulizia impeccabile", "cleanliness"},
		{Cafe, "Torneremo sicuramente", ""},
		{Cafe, "Il personale è cortese e disponibile", "staff choice"},
		{Cafe, "Piatti deliziosi e freschi", "food"},
		{Cafe, "Attesa troppo lunga", "waiting"},
		{Shop, "La commessa è stata maleducata", "staff"},
		{Shop, "Qualità scarsa, si è rotto dopo una settimana", "quality"},
		{Shop, "Poca scelta di taglie", "quality choice"},
		{Shop, "Le casse sono lente", "speed"},
		{Online, "La consegna è arrivata con due giorni di ritardo", "waiting delivery"},
		{Online, "Il corriere è stato puntuale", "delivery"},
		{Online, "Il sito non funziona, il carrello si svuota", "website"},
		{Online, "Prodotti danneggiati all'arrivo", "quality"},
		{Online, "Pagamento con carta rifiutato", "payment"},
		{Service, "Difficile prenotare un appuntamento", "booking"},
		{Service, "Salone pulito e accogliente", "cleanliness atmosphere"},
		{Service, "Ho aspettato mezz'ora oltre l'orario", "waiting"},
	},
	"zh_Hans": {
		{Cafe, "服务员态度很差，等了四十分钟才上菜", "speed waiting staff"},
		{Cafe, "环境很舒适，咖啡好喝", "food atmosphere"},
		{Cafe, "价格太贵了", "price"},
		{Cafe, "桌子很脏，厕所也不干净", "cleanliness"},
		{Cafe, "上菜太慢", "speed"},
		{Cafe, "服务员很热情", "staff"},
		{Cafe, "附近没有停车位", "parking"},
		{Cafe, "菜单选择很多", "choice"},
		{Cafe, "音乐太吵了", "atmosphere"},
		{Cafe, "排队的人太多", "waiting"},
		{Cafe, "不能刷卡，只收现金", "payment"},
		{Cafe, "汤是凉了的，太咸", "food"},
		{Cafe, "性价比很高", "price"},
		{Cafe, "一切都很好，谢谢！", ""},
		{Cafe, "结账等候时间太长", "waiting payment"},
		{Cafe, "卫生做得很好", "cleanliness"},
		{Cafe, "下次还会再来", ""},
		{Cafe, "店员有礼貌", "staff"},
		{Cafe, "分量太少，价格偏贵", "price food"},
		{Cafe, "味道一般", "food"},
		{Shop, "收银员不耐烦", "staff"},
		{Shop, "质量太差，一周就坏了", "quality"},
		{Shop, "尺码不全，品种太少", "quality choice"},
		{Shop, "商品摆放乱七八糟", "quality"},
		{Online, "快递三天才送到", "delivery"},
		{Online, "物流很快，包裹完好", "delivery speed"},
		{Online, "网站无法下单", "website"},
		{Online, "产品有瑕疵", "quality"},
		{Online, "支付失败了好几次", "payment"},
		{Service, "预约很难", "booking"},
		{Service, "店里很干净，环境不错", "cleanliness atmosphere"},
		{Service, "理发师迟到，让我等了半小时", "waiting"},
	},
}

func TestTopicsMatchRealLookingCommentsInEveryLanguage(t *testing.T) {
	for lang, cases := range corpus {
		if len(cases) < 30 {
			t.Errorf("%s: %d comments, want at least 30", lang, len(cases))
		}
		ms := map[Business]*Matcher{}
		for _, b := range Businesses {
			ms[b] = Compile(Default(b))
		}
		for _, c := range cases {
			m := ms[c.biz]
			var got []string
			for _, i := range m.Match(c.text, lang) {
				got = append(got, m.Dictionary().Topics[i].ID)
			}
			sort.Strings(got)
			want := strings.Fields(c.want)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s %s %q: topics %v, want %v", lang, c.biz, c.text, got, want)
			}
		}
	}
}

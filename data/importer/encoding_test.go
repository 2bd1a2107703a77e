package importer

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Survey exports as older Excel saves them in each language: the text is
// encoded here with x/text's encoders, then detected and read back.
func TestOpenDetectsAsianAndOtherLegacyEncodings(t *testing.T) {
	const (
		ko  = "타임스탬프,전반적으로 만족하십니까?,추천 의향,의견\n2023. 9. 1 오후 3:01:10,매우 만족,9,직원이 친절하고 음식이 맛있었습니다\n2023. 9. 2 오전 11:20:00,보통,7,대기 시간이 너무 길었어요\n"
		zhs = "时间戳,您对我们的服务满意吗？,推荐,意见\n2023/9/1 15:01:10,非常满意,9,服务员很热情，菜很好吃\n2023/9/2 11:20:00,一般,7,等待时间太长了\n"
		zht = "時間戳記,您對我們的服務滿意嗎？,推薦,意見\n2023/9/1 下午 3:01:10,非常滿意,9,服務員很熱情，菜很好吃\n2023/9/2 上午 11:20:00,普通,7,等待時間太長了\n"
		ja  = "タイムスタンプ,全体的な満足度,おすすめ度,ご意見\n2023/09/01 15:01:10,とても満足,9,スタッフがとても親切でした\n2023/09/02 11:20:00,普通,7,待ち時間が長すぎました\n"
		fr  = "Horodateur;Satisfaction;Commentaire\n01/09/2023 10:01:10;Très satisfait;Très bien, café délicieux, à bientôt\n02/09/2023 11:00:00;Peu satisfait;L'accueil était désagréable, trop d'attente\n"
		es  = "Marca temporal,¿Qué tan satisfecho está?,Comentario\n01/09/2023 10:01:10,Muy satisfecho,La atención fue excelente, volveré pronto. ¡Gracias!\n02/09/2023 11:00,Poco satisfecho,El baño estaba sucio y la comida llegó fría\n"
		pl  = "Sygnatura czasowa;Ocena;Komentarz\n01.09.2023;Bardzo zadowolony;Obsługa była miła, jedzenie świeże, dziękuję\n02.09.2023;Niezadowolony;Długo czekaliśmy, zupa była zimna\n"
	)
	cases := []struct {
		name string
		enc  encoding.Encoding
		text string
		want []string // any of these names reads the text right
	}{
		{"Korean in CP949", korean.EUCKR, ko, []string{CP949}},
		// Too few letters for the library: a header of three words.
		{"a Korean header only, in CP949", korean.EUCKR, "id,나이,쇼핑몰,만족도\n1,22,BB,4\n2,21,CC,3\n", []string{CP949}},
		{"Simplified Chinese in GBK", simplifiedchinese.GBK, zhs, []string{GB18030}},
		{"Simplified Chinese in GB18030", simplifiedchinese.GB18030, zhs, []string{GB18030}},
		{"Traditional Chinese in Big5", traditionalchinese.Big5, zht, []string{Big5}},
		{"Japanese in Shift-JIS", japanese.ShiftJIS, ja, []string{ShiftJIS}},
		{"Japanese in EUC-JP", japanese.EUCJP, ja, []string{EUCJP}},
		{"French in Mac Roman", charmap.Macintosh, fr, []string{MacRoman}},
		{"Spanish in Latin-1", charmap.ISO8859_1, es, []string{Windows1252, ISO88591}},
		{"Polish in Windows-1250", charmap.Windows1250, pl, []string{Windows1250}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, copies := range []int{1, 30} {
				in := encodeWith(t, c.enc, strings.Repeat(c.text, copies))
				f, err := openBytes(t, "x.csv", in, Options{})
				if err != nil {
					t.Fatal(err)
				}
				src := f.Source
				f.Close()
				ok := false
				for _, w := range c.want {
					ok = ok || src.Encoding == w
				}
				if !ok || !src.EncodingGuessed {
					t.Fatalf("%d copies: encoding %s (guessed %v), want one of %v, guessed", copies, src.Encoding, src.EncodingGuessed, c.want)
				}
				header, _, _ := strings.Cut(c.text, "\n")
				sep := ","
				if src.Delimiter == ';' {
					sep = ";"
				}
				if got := strings.Join(src.Headers, sep); got != header {
					t.Errorf("headers read as %q, want %q", got, header)
				}
			}
		})
	}
}

// A file partly in UTF-8 and partly in Windows-1252 ("Café" twice, two
// ways) is said to be mixed, and never read as Windows-1251 ("CafГ©").
func TestMixedUTF8IsFlaggedNotReadAsCyrillic(t *testing.T) {
	utf := "Date,Comment\n2023-09-01,Café très bon\n2023-09-02,Très bien, à bientôt\n2023-09-03,Un café crème, s'il vous plaît\n"
	cases := []struct {
		name string
		in   []byte
	}{
		{"mostly UTF-8", append([]byte(utf), mustEncode(charmap.Windows1252, "2023-09-04,Café très bon\n")...)},
		{"mostly Windows-1252", append(mustEncode(charmap.Windows1252, utf), []byte("2023-09-04,Café très bon\n2023-09-05,Très bien\n")...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := openBytes(t, "mixed.csv", c.in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			src := f.Source
			if src.Encoding == Windows1251 || !src.EncodingGuessed {
				t.Errorf("encoding %s (guessed %v): want a guess that is not Cyrillic", src.Encoding, src.EncodingGuessed)
			}
			found := false
			for _, n := range src.Notes {
				found = found || n.Kind == KindMixedEncoding
			}
			if !found {
				t.Errorf("no note that the file mixes encodings: %v", src.Notes.Strings())
			}
		})
	}
	// Pure UTF-8 and pure Windows-1252 are not mixed.
	for _, in := range [][]byte{[]byte(utf), mustEncode(charmap.Windows1252, utf)} {
		f, err := openBytes(t, "x.csv", in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range f.Source.Notes {
			if n.Kind == KindMixedEncoding {
				t.Errorf("%s file called mixed", f.Source.Encoding)
			}
		}
		f.Close()
	}
}

func TestEveryEncodingOfferedCanBeRead(t *testing.T) {
	for _, e := range Encodings {
		if _, _, ok := decoderFor(e.Name, nil); !ok {
			t.Errorf("%s is offered but has no decoder", e.Name)
		}
		f, err := openBytes(t, "x.csv", []byte("Date,Score\n2023-09-01,5\n"), Options{Encoding: e.Name})
		if err != nil {
			t.Errorf("%s: %v", e.Name, err)
			continue
		}
		f.Close()
	}
}

func encodeWith(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

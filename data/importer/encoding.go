package importer

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/wlynxg/chardet"
)

// Text encodings the importer reads, by the names Source.Encoding and
// Options.Encoding use.
const (
	UTF8        = "UTF-8"
	UTF8BOM     = "UTF-8 with BOM"
	UTF16LE     = "UTF-16LE"
	UTF16BE     = "UTF-16BE"
	Windows1251 = "Windows-1251"
	Windows1252 = "Windows-1252"
	Windows1257 = "Windows-1257"
	Windows1250 = "Windows-1250"
	ISO88591    = "ISO-8859-1"
	ISO88592    = "ISO-8859-2"
	ISO885915   = "ISO-8859-15"
	MacRoman    = "Mac Roman"
	CP949       = "CP949"
	GB18030     = "GB18030"
	Big5        = "Big5"
	ShiftJIS    = "Shift-JIS"
	EUCJP       = "EUC-JP"
)

// Encodings lists the encodings a user may pick, each with a description
// for the picker.
var Encodings = []struct{ Name, Description string }{
	{UTF8, "Unicode (UTF-8), the usual for Google Forms, Typeform and most apps"},
	{UTF8BOM, "Unicode (UTF-8) as saved by Excel: “CSV UTF-8”"},
	{UTF16LE, "Unicode (UTF-16) as saved by Excel: “Unicode text”"},
	{UTF16BE, "Unicode (UTF-16, big-endian)"},
	{Windows1251, "Cyrillic (Windows-1251), older Russian Excel"},
	{Windows1252, "Western European (Windows-1252), older English, Italian Excel"},
	{Windows1257, "Baltic (Windows-1257), older Latvian and Lithuanian Excel"},
	{Windows1250, "Central European (Windows-1250), older Polish, Czech, Hungarian Excel"},
	{ISO88591, "Western European (ISO-8859-1, Latin-1)"},
	{ISO88592, "Central European (ISO-8859-2, Latin-2)"},
	{ISO885915, "Western European with the euro sign (ISO-8859-15, Latin-9)"},
	{MacRoman, "Western European (Mac Roman), older Mac Excel"},
	{CP949, "Korean (CP949, EUC-KR), older Korean Excel"},
	{GB18030, "Simplified Chinese (GB18030, GBK, GB2312), older Chinese Excel"},
	{Big5, "Traditional Chinese (Big5), older Taiwanese and Hong Kong Excel"},
	{ShiftJIS, "Japanese (Shift-JIS, CP932), older Japanese Excel"},
	{EUCJP, "Japanese (EUC-JP)"},
}

// decoderFor returns the decoder of a named encoding, nil for UTF-8, and
// the length of its byte order mark if the file has one.
func decoderFor(name string, head []byte) (enc encoding.Encoding, bom int, ok bool) {
	switch name {
	case UTF8, UTF8BOM:
		if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
			bom = 3
		}
		return nil, bom, true
	case UTF16LE:
		if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) {
			bom = 2
		}
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), bom, true
	case UTF16BE:
		if bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
			bom = 2
		}
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), bom, true
	case Windows1251:
		return charmap.Windows1251, 0, true
	case Windows1252:
		return charmap.Windows1252, 0, true
	case Windows1257:
		return charmap.Windows1257, 0, true
	}
	if e, ok := legacyCodecs[name]; ok {
		return e, 0, true
	}
	return nil, 0, false
}

// detectEncoding names the encoding of a text file from its first bytes.
// guessed is true when the answer is not certain (a legacy code page, or
// UTF-16 without a byte order mark) and the user should confirm it; mixed
// is true when the bytes are partly valid UTF-8 and partly not (rows
// pasted together from files saved in different encodings).
func detectEncoding(head []byte) (name string, guessed, mixed bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		if !validUTF8Prefix(head[3:]) {
			return UTF8BOM, true, true
		}
		return UTF8BOM, false, false
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return UTF16LE, false, false
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return UTF16BE, false, false
	}
	// UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte.
	sample := head
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	var even, odd int
	for i, b := range sample {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(sample) / 2
	if half >= 2 {
		if odd*10 > half*3 && even*20 < half {
			return UTF16LE, true, false
		}
		if even*10 > half*3 && odd*20 < half {
			return UTF16BE, true, false
		}
	}
	if validUTF8Prefix(head) {
		return UTF8, false, false
	}
	// A legacy code page. Multi-byte Asian encodings come from the
	// detector library (a port of Python's chardet), checked by decoding;
	// so does Mac Roman, which it tells from Windows-1252 well.
	if name := libraryGuess(head); name != "" {
		return name, true, false
	}
	// Too little Korean for the library (a header of a few words): bytes
	// that read as Hangul syllables and nothing else under CP949.
	if pureHangul(head) {
		return CP949, true, false
	}
	// Valid UTF-8 sequences among invalid bytes: a file partly in UTF-8.
	// Read as a code page, "Café" would become "CafГ©"; say so and let the
	// user choose, starting from the encoding most of the text is in.
	if ok, bad := utf8Runs(head); ok >= 2 {
		if ok >= bad {
			return UTF8, true, true
		}
		return guessCodePage(head), true, true
	}
	return guessCodePage(head), true, false
}

// legacyCodecs are the code pages besides Windows-1251/1252/1257 and
// Unicode, by name.
var legacyCodecs = map[string]encoding.Encoding{
	Windows1250: charmap.Windows1250,
	ISO88591:    charmap.ISO8859_1,
	ISO88592:    charmap.ISO8859_2,
	ISO885915:   charmap.ISO8859_15,
	MacRoman:    charmap.Macintosh,
	CP949:       korean.EUCKR, // x/text's EUC-KR decodes all of CP949
	GB18030:     simplifiedchinese.GB18030,
	Big5:        traditionalchinese.Big5,
	ShiftJIS:    japanese.ShiftJIS,
	EUCJP:       japanese.EUCJP,
}

// libraryGuess asks the chardet port for an encoding it is good at: the
// Asian multi-byte ones and Mac Roman. It returns "" for the
// single-byte Western, Central European, Baltic and Windows-1251 pages,
// where the letter statistics of guessCodePage do better on survey
// exports (short answers, few accented letters), and for a guess the bytes
// do not bear out.
func libraryGuess(head []byte) string {
	r := chardet.Detect(head)
	var name string
	switch strings.ToUpper(r.Encoding) {
	case "EUC-KR", "CP949":
		name = CP949
	case "GB2312", "GBK", "GB18030":
		name = GB18030
	case "BIG5":
		name = Big5
	case "SHIFT_JIS", "CP932":
		name = ShiftJIS
	case "EUC-JP":
		name = EUCJP
	case "MACROMAN":
		// Checked against the Western letters: curly quotes in
		// Windows-1252 read as Mac Roman letters too.
		if r.Confidence < 0.5 || letterScore(head, charmap.Macintosh, weights1252) < letterScore(head, charmap.Windows1252, weights1252) {
			return ""
		}
		return MacRoman
	default:
		return ""
	}
	if r.Confidence < 0.5 || !mostlyAsian(head, legacyCodecs[name]) {
		return ""
	}
	return name
}

// mostlyAsian decodes head with enc and checks the result: no undecodable
// bytes and most letters beyond ASCII Hangul, Han or Kana.
func mostlyAsian(head []byte, enc encoding.Encoding) bool {
	// Drop a character cut off at the end of the sample.
	for cut := 0; cut < 4 && cut < len(head); cut++ {
		out, err := enc.NewDecoder().Bytes(head[:len(head)-cut])
		if err != nil {
			continue
		}
		var asian, other, bad int
		for _, r := range string(out) {
			switch {
			case r < 0x80:
			case r == utf8.RuneError:
				bad++
			case unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF):
				asian++
			default:
				other++
			}
		}
		return bad*50 <= asian && asian > 0 && other*4 <= asian
	}
	return false
}

// pureHangul reports whether head's bytes beyond ASCII decode under CP949
// without error into two or more Hangul syllables and nothing else.
// Cyrillic in Windows-1251 cannot: its lower-case letters read as Hanja.
func pureHangul(head []byte) bool {
	for cut := 0; cut < 2 && cut < len(head); cut++ {
		out, err := korean.EUCKR.NewDecoder().Bytes(head[:len(head)-cut])
		if err != nil {
			continue
		}
		n := 0
		for _, r := range string(out) {
			switch {
			case r < 0x80:
			case r >= 0xAC00 && r <= 0xD7A3:
				n++
			default:
				return false
			}
		}
		return n >= 2
	}
	return false
}

// utf8Runs counts the valid multi-byte UTF-8 sequences in b and its bytes
// that are not valid UTF-8 (ignoring a sequence cut off at the end).
func utf8Runs(b []byte) (ok, bad int) {
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if len(b)-i < 4 && !utf8.FullRune(b[i:]) {
				break
			}
			bad++
			i++
			continue
		}
		ok++
		i += n
	}
	return ok, bad
}

// validUTF8Prefix reports whether b is valid UTF-8 but for a rune cut off
// at its end (b may be the first part of a file).
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for cut := 1; cut <= 3 && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) && !utf8.FullRune(b[len(b)-cut:]) {
			return true
		}
	}
	return false
}

// Letter weights: how common a letter is in the languages written in each
// code page. Windows-1252 and -1257 share many byte values (0xE2 is â in
// one and ā in the other), so the page whose reading gives the more usual
// letters wins.
var (
	weights1252 = letterWeights("é3 è2 à2 á2 í2 ó2 ú1 ñ2 ç2 ê1 â1 ô1 ò1 ã1 õ1 ä1 ö1 ü1 ß1 î.5 ù.5 ì.5 æ.5 ø.5 å.5 œ.5 ï.3 ë.3 û.3 ÿ.1 ð.05 þ.05")
	weights1250 = letterWeights("ą2 ę2 ł2 ś1 ć1 ń1 ź.5 ż1 ó1 č2 ř2 š2 ž2 ě2 ů1 ý1 á1 é1 í1 ő1 ű1 ö1 ü1 ä.5 ô.5 ľ.5 ť.5 ď.5 ň.5 ă1 â.5 î.5 ș.5 ț.5 ş1 ţ1")
	weights1257 = letterWeights("ā3 ē2 ī2 š2 ū1.5 ž1 č1 ņ1 ļ1 ķ.7 ģ.5 ą2 ę1 ė2 į1 ų2 é1 ó.5 ä1 ö1 ü1 õ1 å.2 æ.1 ø.1 ß.2 ł.2 ń.2 ś.2 ź.2 ż.2 ć.2")
)

func letterWeights(spec string) map[rune]float64 {
	m := make(map[rune]float64)
	for _, f := range strings.Fields(spec) {
		r, n := utf8.DecodeRuneInString(f)
		w, _ := strconv.ParseFloat(f[n:], 64)
		m[r] = w
	}
	return m
}

// guessCodePage picks among Windows-1251, -1252, -1257, -1250 and
// ISO-8859-2 by letter
// statistics. Cyrillic text in 1251 is mostly high bytes next to high bytes
// (whole words); Latin text has accented letters between ASCII letters.
func guessCodePage(head []byte) string {
	var high, pairs int
	for i, b := range head {
		if b < 0xC0 {
			continue
		}
		high++
		if (i > 0 && head[i-1] >= 0xC0) || (i+1 < len(head) && head[i+1] >= 0xC0) {
			pairs++
		}
	}
	if high > 0 && pairs*2 > high {
		return Windows1251
	}
	best, bestScore := Windows1252, letterScore(head, charmap.Windows1252, weights1252)
	for _, c := range []struct {
		name   string
		cm     *charmap.Charmap
		w      map[rune]float64
		margin float64 // how much better than the pages before it must read
	}{
		{Windows1257, charmap.Windows1257, weights1257, 0},
		// Central European only on clear evidence: a stray Œ or æ in a
		// Western file must not turn it into Polish.
		{Windows1250, charmap.Windows1250, weights1250, 2},
		{ISO88592, charmap.ISO8859_2, weights1250, 2},
	} {
		if s := letterScore(head, c.cm, c.w); s > bestScore+c.margin && (c.margin == 0 || s > 1.5*bestScore) {
			best, bestScore = c.name, s
		}
	}
	return best
}

// letterScore sums the weights of the letters head's high bytes are in
// code page cm; a byte cm does not define counts against it.
func letterScore(head []byte, cm *charmap.Charmap, w map[rune]float64) float64 {
	s := 0.0
	for _, b := range head {
		if b < 0x80 {
			continue
		}
		r := cm.DecodeByte(b)
		switch {
		case unicode.IsLetter(r):
			s += w[unicode.ToLower(r)]
		case r == utf8.RuneError:
			s -= 2
		}
	}
	return s
}

// decodeHead decodes the first bytes of a file for sniffing, dropping a
// character cut off at the end.
func decodeHead(head []byte, enc encoding.Encoding) string {
	if enc == nil {
		s := string(head)
		for !utf8.ValidString(s) && len(s) > 0 && len(head)-len(s) < 4 {
			s = s[:len(s)-1]
		}
		return s
	}
	if len(head)%2 == 1 {
		if _, ok := enc.(*charmap.Charmap); !ok {
			head = head[:len(head)-1]
		}
	}
	out, _ := io.ReadAll(transform.NewReader(bytes.NewReader(head), enc.NewDecoder()))
	return string(out)
}

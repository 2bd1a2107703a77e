package topics

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Languages are the dictionary's languages, in the order the editor shows
// them. Chinese comments are matched with the words of both scripts.
var Languages = []string{"en", "ru", "lv", "it", "zh_Hans", "zh_Hant"}

// Business is a kind of business; each has its own default topics.
type Business string

// The business types with built-in dictionaries.
const (
	Cafe    Business = "cafe"    // café, restaurant, bar
	Shop    Business = "shop"    // shop, supermarket
	Online  Business = "online"  // online store, delivery
	Service Business = "service" // salon, repair, clinic, any appointment
)

// Businesses lists the business types in the order the window offers them.
var Businesses = []Business{Cafe, Shop, Online, Service}

// Topic is one thing customers talk about, with its name and its words in
// each language. A word may be a phrase ("value for money") or a prefix
// ending in "*" ("parchegg*"); Chinese words are matched as substrings.
type Topic struct {
	ID    string              `json:"id"`
	Names map[string]string   `json:"names,omitempty"`
	Words map[string][]string `json:"words"`
}

// Name returns the topic's name in language lang, else in English or
// another language, else its ID.
func (t Topic) Name(lang string) string {
	if n := t.Names[lang]; n != "" {
		return n
	}
	if n := t.Names[base(lang)]; n != "" {
		return n
	}
	if strings.HasPrefix(lang, "zh") {
		for _, l := range []string{"zh_Hans", "zh_Hant"} {
			if n := t.Names[l]; n != "" {
				return n
			}
		}
	}
	for _, l := range Languages {
		if n := t.Names[l]; n != "" {
			return n
		}
	}
	return t.ID
}

// Dictionary is the topics of one business type, as the owner edited
// them.
type Dictionary struct {
	Business Business `json:"business"`
	Topics   []Topic  `json:"topics"`
}

// Errors of the editing methods; the window says them in its language.
var (
	ErrNoTopic    = errors.New("no such topic")
	ErrEmptyWord  = errors.New("empty word")
	ErrDuplicate  = errors.New("already in the dictionary")
	ErrBadLang    = errors.New("unknown language")
	ErrEmptyTopic = errors.New("empty topic name")
)

// Clone returns a deep copy of d, so an edit never changes a dictionary a
// render in the background is reading.
func (d Dictionary) Clone() Dictionary {
	c := Dictionary{Business: d.Business, Topics: make([]Topic, len(d.Topics))}
	for i, t := range d.Topics {
		nt := Topic{ID: t.ID, Names: map[string]string{}, Words: map[string][]string{}}
		for k, v := range t.Names {
			nt.Names[k] = v
		}
		for k, v := range t.Words {
			nt.Words[k] = slices.Clone(v)
		}
		c.Topics[i] = nt
	}
	return c
}

// Index returns the position of topic id, or -1.
func (d Dictionary) Index(id string) int {
	for i, t := range d.Topics {
		if t.ID == id {
			return i
		}
	}
	return -1
}

// Name returns the name of topic id in language lang (the ID itself when
// there is no such topic).
func (d Dictionary) Name(id, lang string) string {
	if i := d.Index(id); i >= 0 {
		return d.Topics[i].Name(lang)
	}
	return id
}

// NormalizeWord returns w as the dictionary keeps it: trimmed, lower case,
// inner spaces collapsed.
func NormalizeWord(w string) string {
	return strings.Join(strings.Fields(strings.ToLower(w)), " ")
}

// AddWord adds word to topic id in language lang.
func (d *Dictionary) AddWord(id, lang, word string) error {
	i := d.Index(id)
	if i < 0 {
		return fmt.Errorf("add %q: %w: %s", word, ErrNoTopic, id)
	}
	if !slices.Contains(Languages, lang) {
		return fmt.Errorf("add %q: %w: %s", word, ErrBadLang, lang)
	}
	w := NormalizeWord(word)
	if strings.Trim(w, "* ") == "" {
		return fmt.Errorf("add word to %s: %w", id, ErrEmptyWord)
	}
	t := &d.Topics[i]
	if t.Words == nil {
		t.Words = map[string][]string{}
	}
	if slices.Contains(t.Words[lang], w) {
		return fmt.Errorf("add %q to %s: %w", w, id, ErrDuplicate)
	}
	t.Words[lang] = append(t.Words[lang], w)
	return nil
}

// RemoveWord removes word from topic id in language lang; a word that is
// not there is no error.
func (d *Dictionary) RemoveWord(id, lang, word string) error {
	i := d.Index(id)
	if i < 0 {
		return fmt.Errorf("remove %q: %w: %s", word, ErrNoTopic, id)
	}
	w := NormalizeWord(word)
	d.Topics[i].Words[lang] = slices.DeleteFunc(d.Topics[i].Words[lang], func(s string) bool { return s == w })
	return nil
}

// AddTopic adds a topic named name (in language lang) and returns its ID,
// made from the name.
func (d *Dictionary) AddTopic(name, lang string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", ErrEmptyTopic
	}
	for _, t := range d.Topics {
		if strings.EqualFold(t.Name(lang), name) {
			return "", fmt.Errorf("add topic %q: %w", name, ErrDuplicate)
		}
	}
	id := "custom-" + strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return '-'
	}, name)
	for n := 2; d.Index(id) >= 0; n++ {
		id = fmt.Sprintf("%s-%d", strings.TrimRight(id, "-0123456789"), n)
	}
	d.Topics = append(d.Topics, Topic{ID: id, Names: map[string]string{lang: name}, Words: map[string][]string{}})
	return id, nil
}

// RemoveTopic removes topic id.
func (d *Dictionary) RemoveTopic(id string) error {
	i := d.Index(id)
	if i < 0 {
		return fmt.Errorf("remove topic: %w: %s", ErrNoTopic, id)
	}
	d.Topics = slices.Delete(d.Topics, i, i+1)
	return nil
}

// Marshal encodes d for storage.
func Marshal(d Dictionary) ([]byte, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode topic dictionary: %w", err)
	}
	return b, nil
}

// Unmarshal decodes a stored dictionary.
func Unmarshal(b []byte) (Dictionary, error) {
	var d Dictionary
	if err := json.Unmarshal(b, &d); err != nil {
		return Dictionary{}, fmt.Errorf("read topic dictionary: %w", err)
	}
	for i := range d.Topics {
		if d.Topics[i].Words == nil {
			d.Topics[i].Words = map[string][]string{}
		}
		if d.Topics[i].Names == nil {
			d.Topics[i].Names = map[string]string{}
		}
	}
	return d, nil
}

// Storage keeps dictionaries by key; the store satisfies it
// (store.TopicDictionary, SetTopicDictionary).
type Storage interface {
	TopicDictionary(key string) ([]byte, error)
	SetTopicDictionary(key string, value []byte) error
}

// currentKey names the business type in use.
const currentKey = "@business"

// Load returns the dictionary in use: the owner's edited dictionary of
// the business type last chosen, or the built-in one (Cafe when none was
// chosen). A record that cannot be read gives the defaults and the error.
func Load(st Storage) (Dictionary, error) {
	b, err := st.TopicDictionary(currentKey)
	if err != nil {
		return Default(Cafe), err
	}
	bt := Cafe
	if len(b) > 0 && slices.Contains(Businesses, Business(b)) {
		bt = Business(b)
	}
	return LoadBusiness(st, bt)
}

// LoadBusiness returns the dictionary of business type bt: the stored one
// if the owner edited it, else the built-in defaults.
func LoadBusiness(st Storage, bt Business) (Dictionary, error) {
	b, err := st.TopicDictionary(string(bt))
	if err != nil || b == nil {
		return Default(bt), err
	}
	d, err := Unmarshal(b)
	if err != nil {
		return Default(bt), err
	}
	d.Business = bt
	return d, nil
}

// Save stores d as its business type's dictionary and makes that type the
// one in use.
func Save(st Storage, d Dictionary) error {
	if d.Business == "" {
		d.Business = Cafe
	}
	b, err := Marshal(d)
	if err != nil {
		return err
	}
	if err := st.SetTopicDictionary(string(d.Business), b); err != nil {
		return fmt.Errorf("save topic dictionary: %w", err)
	}
	if err := st.SetTopicDictionary(currentKey, []byte(d.Business)); err != nil {
		return fmt.Errorf("save topic dictionary: %w", err)
	}
	return nil
}

// Reset forgets the owner's edits of business type bt and returns its
// built-in dictionary, now in use.
func Reset(st Storage, bt Business) (Dictionary, error) {
	if err := st.SetTopicDictionary(string(bt), nil); err != nil {
		return Default(bt), fmt.Errorf("reset topic dictionary: %w", err)
	}
	if err := st.SetTopicDictionary(currentKey, []byte(bt)); err != nil {
		return Default(bt), fmt.Errorf("reset topic dictionary: %w", err)
	}
	return Default(bt), nil
}

// Use makes business type bt the one in use and returns its dictionary
// (the owner's edits, or the built-in one), without storing the defaults
// as an edit.
func Use(st Storage, bt Business) (Dictionary, error) {
	if err := st.SetTopicDictionary(currentKey, []byte(bt)); err != nil {
		return Default(bt), fmt.Errorf("choose business type: %w", err)
	}
	return LoadBusiness(st, bt)
}

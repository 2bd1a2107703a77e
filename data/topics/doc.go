// Package topics finds what customers' comments are about — service speed,
// staff, cleanliness, price, food or product quality, waiting, delivery,
// the website… — offline, in English, Russian, Latvian, Italian and
// Chinese, with an editable dictionary per business type.
//
// It is a dictionary, not sentiment analysis: a comment is "about" a topic
// when it contains one of the topic's words, and whether it "needs
// attention" comes from the customer's own score on the survey's main
// question (Band), never from the wording. Negation is not handled: "not
// dirty at all" is about cleanliness, which is true.
//
// Matching: the comment's language is the survey's, corrected by a cheap
// look at the comment's script (Cyrillic → ru, Han → zh, Latvian
// diacritics → lv; LangOf). Words are cut at letters and digits, lowered
// and stemmed (Stem: Snowball for en and ru from
// github.com/kljensen/snowball, which has no Italian; Go ports of Lucene's
// light stemmers for Latvian, by Robert Muir, and Italian, by Jacques
// Savoy, both credited in their files). A dictionary entry matches a
// comment when its stemmed words occur in the comment in a row; an entry
// ending in "*" matches any word starting with it. Chinese is matched as
// substrings of the comment (no segmenter), with the simplified and
// traditional words of a topic together.
//
// The API for other screens and the report:
//
//	d := topics.Default(topics.Cafe)            // or Load(store, …)
//	counts := topics.Count(comments, d, "lv")   // []TopicCount, most mentioned first
//	un := topics.Unmatched(comments, d, "lv")   // indexes of comments no topic matched
//	tr := topics.Trend(comments, d, "lv", periodOf, 5)
package topics

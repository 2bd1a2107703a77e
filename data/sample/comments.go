package sample

// Open comments, grouped by the mood of the response they go with.

var positiveComments = []string{
	"Nothing, keep it up!",
	"Best flat white in town.",
	"Lovely staff, always smiling.",
	"The cardamom bun is perfect.",
	"Cosy place, we'll be back.",
	"Great coffee and fast service.",
	"Everything was perfect, thank you.",
	"Friendly barista, remembered my order.",
	"Delicious soup of the day.",
	"Clean, calm and good music.",
	"Perfect spot to work for an hour.",
	"The rye bread sandwich was excellent.",
	"Kids loved the hot chocolate.",
	"Nothing to improve, really.",
	"Wonderful cakes, fair prices.",
	"Quick and friendly, as always.",
}

var suggestionComments = []string{
	"More vegan options, please.",
	"Good coffee, but the music was a bit loud.",
	"Would love oat milk at no extra charge.",
	"Nice, but a few more tables would help.",
	"Please open earlier on weekends.",
	"Tasty, a bit pricey though.",
	"Add a gluten-free cake?",
	"The Wi-Fi was slow.",
	"Good, but the queue was long at lunch.",
	"Bigger cups for take-away, please.",
	"Nice place, the chairs are a bit hard.",
	"Card payment under 3 euro would be handy.",
}

var mixedComments = []string{
	"Coffee was lukewarm.",
	"Tables were not cleaned.",
	"OK, but nothing special this time.",
	"Cake was dry today.",
	"Too noisy to talk.",
	"Prices went up again.",
	"My sandwich was missing the cheese.",
	"It was too hot inside.",
	"The toilet needed cleaning.",
	"Ran out of croissants by 10.",
	"Fine, but the portions got smaller.",
}

var slowComments = []string{
	"Waited 20 minutes for a coffee.",
	"Service was very slow.",
	"Only one person at the counter, long queue.",
	"Took ages to get the bill.",
	"Our food came out 30 minutes after the drinks.",
	"Too few staff for such a busy day.",
	"Nobody came to take our order.",
}

var negativeComments = []string{
	"Rude staff at the counter.",
	"Wrong order and no apology.",
	"Found a hair in my salad.",
	"Cold food, had to send it back.",
	"Overcharged on my card.",
	"Very disappointed, used to be much better.",
	"Dirty cups, will not come back.",
	"Staff were on their phones and ignored us.",
	"Milk tasted sour.",
	"My booking was lost.",
}

// renovationComments fit Riverside during the kitchen renovation while a
// new barista was being trained.
var renovationComments = []string{
	"Drilling noise the whole time.",
	"Half the menu was unavailable.",
	"The new barista didn't know the menu.",
	"No hot food because of the kitchen works.",
	"Dust everywhere from the building work.",
	"Long wait, only sandwiches available.",
	"Card terminal kept failing.",
	"Wrong drink twice, new staff member needs training.",
	"Why stay open during the renovation?",
}

var summerComments = []string{
	"Lovely iced latte on a hot day.",
	"Great lemonade!",
	"Nice to sit outside in the square.",
	"Perfect stop during our city walk.",
}

var riversideSummerComments = []string{
	"Beautiful terrace by the river.",
	"Sunset on the terrace, wonderful.",
	"Great iced coffee with a river view.",
	"Please add more umbrellas on the terrace.",
}

var decemberComments = []string{
	"Gingerbread latte is the best!",
	"Beautiful Christmas decorations.",
	"Bought a gift box of cookies, great idea.",
	"Lovely festive atmosphere.",
	"Mulled wine was excellent.",
}

var firstNames = []string{
	"Anna", "Ilze", "Janis", "Peter", "Marta", "Laura", "Tom", "Kristaps",
	"Elina", "Sofia", "Maris", "Olga", "Dmitry", "Emma", "Liga", "Andris",
}

var surnames = []string{
	"Berzina", "Kalnins", "Ozols", "Smith", "Petrova", "Eglite", "Jansons", "Brown",
}

package match

// numbers maps English number words and ordinals, and their digit forms,
// to their value: "3 Percenters" and "Three Percenters", "1st
// International Bank" and "First International Bank".
var numbers = map[string]int{}

func init() {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
	ordinals := []string{"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}
	for n := 1; n <= 20; n++ {
		d := itoa(n)
		suffix := "th"
		switch {
		case n%10 == 1 && n != 11:
			suffix = "st"
		case n%10 == 2 && n != 12:
			suffix = "nd"
		case n%10 == 3 && n != 13:
			suffix = "rd"
		}
		numbers[words[n]] = n
		numbers[d] = n
		// ordinals count apart from cardinals: 1000+n
		numbers[ordinals[n]] = 1000 + n
		numbers[d+suffix] = 1000 + n
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

// numberOf is the value of a number word or numeral, or 0.
func numberOf(t string) int {
	if len(t) == 0 || len(t) > 11 {
		return 0
	}
	switch t[0] {
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'e', 'f', 'n', 'o', 's', 't', 'z':
		// (the first letters of the number words: the map lookup is
		// the costly part)
		return numbers[t]
	}
	return 0
}

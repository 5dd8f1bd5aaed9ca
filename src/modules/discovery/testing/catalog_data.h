// The generator's vocabulary: merchant families (cuisines, names) and their menus, written the
// way real menus read, so that search-quality expectations are about realistic text.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace reskflow::discovery::testing {

struct ItemSpec {
  std::string_view name;
  std::string_view description;
  std::string_view category;
  std::string_view dietary;      // comma-separated tags
  std::int64_t price_eur_cents;  // a constexpr table holds no Money: the generator makes it one
};

struct Family {
  std::string_view cuisines;        // comma-separated
  std::string_view names;           // '|'-separated merchant names
  std::string_view summary;         // the merchants' description
  std::span<const ItemSpec> items;  // the first 8 are on every menu of the family
};

inline constexpr ItemSpec pizza_items[] = {
    {"Margherita Pizza", "Tomato, mozzarella and fresh basil.", "Pizzas", "vegetarian", 1150},
    {"Pepperoni Pizza", "Tomato, mozzarella and spicy pepperoni.", "Pizzas", "", 1350},
    {"Quattro Formaggi Pizza", "Mozzarella, gorgonzola, parmesan and fontina.", "Pizzas",
     "vegetarian", 1450},
    {"Diavola Pizza", "Hot salami, chilli and mozzarella.", "Pizzas", "spicy", 1400},
    {"Marinara Pizza", "Tomato, garlic and oregano, no cheese.", "Pizzas", "vegan", 950},
    {"Calzone", "Folded pizza with ham, ricotta and mushrooms.", "Pizzas", "", 1400},
    {"Garlic Bread", "Oven-baked with garlic butter and parsley.", "Starters", "vegetarian", 550},
    {"Tiramisu", "Mascarpone, espresso and cocoa.", "Desserts", "vegetarian", 650},
    {"Caprese Salad", "Buffalo mozzarella, tomato and basil.", "Starters", "vegetarian,gluten_free",
     850},
    {"Lasagne", "Layers of beef ragu, bechamel and pasta.", "Pasta", "", 1300},
    {"Spaghetti Carbonara", "Egg yolk, pecorino, guanciale and pepper.", "Pasta", "", 1250},
    {"Penne Arrabbiata", "Tomato sauce with garlic and chilli.", "Pasta", "vegan,spicy", 1050},
    {"Minestrone", "Vegetable and bean soup.", "Starters", "vegan", 700},
    {"Panna Cotta", "Vanilla cream with berry coulis.", "Desserts", "vegetarian,gluten_free", 600},
};

inline constexpr ItemSpec burger_items[] = {
    {"Classic Cheeseburger", "Beef patty, cheddar, pickles and house sauce.", "Burgers", "", 1190},
    {"Bacon Burger", "Beef patty, smoked bacon and cheddar.", "Burgers", "", 1350},
    {"Double Smash Burger", "Two smashed patties, onions and american cheese.", "Burgers", "",
     1490},
    {"Veggie Burger", "Grilled halloumi and roasted peppers.", "Burgers", "vegetarian", 1150},
    {"Beyond Vegan Burger", "Plant-based patty, vegan mayo and lettuce.", "Burgers", "vegan", 1290},
    {"Crispy Chicken Burger", "Buttermilk fried chicken and slaw.", "Burgers", "", 1250},
    {"French Fries", "Skin-on fries with sea salt.", "Sides", "vegan", 450},
    {"Chocolate Milkshake", "Thick shake with Belgian chocolate.", "Drinks",
     "vegetarian,gluten_free", 550},
    {"Sweet Potato Fries", "With smoked paprika.", "Sides", "vegan,gluten_free", 550},
    {"Onion Rings", "Beer-battered onion rings.", "Sides", "vegetarian", 490},
    {"Hot Dog", "Beef frankfurter with mustard and crispy onions.", "Burgers", "", 890},
    {"Buffalo Wings", "Chicken wings in hot sauce with blue cheese dip.", "Sides",
     "spicy,gluten_free", 890},
    {"Coleslaw", "Cabbage and carrot in a light dressing.", "Sides", "vegetarian,gluten_free", 350},
};

inline constexpr ItemSpec sushi_items[] = {
    {"Salmon Nigiri", "Two pieces of fresh salmon on rice.", "Nigiri", "dairy_free", 650},
    {"Tuna Sashimi", "Five slices of bluefin tuna.", "Sashimi", "gluten_free,dairy_free", 1150},
    {"California Roll", "Crab, avocado and cucumber.", "Rolls", "dairy_free", 850},
    {"Spicy Tuna Roll", "Tuna, sriracha mayo and spring onion.", "Rolls", "spicy", 950},
    {"Avocado Maki", "Avocado and sesame.", "Rolls", "vegan", 600},
    {"Dragon Roll", "Prawn tempura topped with eel and avocado.", "Rolls", "", 1350},
    {"Miso Soup", "Tofu, wakame and spring onion.", "Sides", "vegan", 350},
    {"Edamame", "Steamed soy beans with sea salt.", "Sides", "vegan,gluten_free", 450},
    {"Chicken Teriyaki", "Grilled chicken with teriyaki glaze and rice.", "Mains", "", 1250},
    {"Vegetable Tempura", "Lightly battered seasonal vegetables.", "Sides", "vegetarian", 750},
    {"Salmon Poke Bowl", "Salmon, rice, edamame and mango.", "Bowls", "dairy_free", 1350},
    {"Matcha Ice Cream", "Green tea ice cream.", "Desserts", "vegetarian", 450},
    {"Pork Gyoza", "Pan-fried dumplings with ponzu.", "Sides", "", 650},
};

inline constexpr ItemSpec thai_items[] = {
    {"Pad Thai", "Rice noodles with prawns, peanuts, egg and tamarind.", "Noodles", "", 1250},
    {"Green Curry", "Chicken in green curry with Thai basil.", "Curries", "spicy,gluten_free",
     1290},
    {"Red Curry", "Beef in red curry with bamboo shoots.", "Curries", "spicy", 1290},
    {"Tom Yum Soup", "Hot and sour soup with prawns and lemongrass.", "Soups", "spicy", 850},
    {"Massaman Curry", "Slow-cooked beef with potatoes and peanuts.", "Curries", "", 1390},
    {"Tofu Pad Thai", "Rice noodles with tofu, peanuts and tamarind.", "Noodles", "vegan", 1150},
    {"Spring Rolls", "Crispy vegetable rolls with sweet chilli sauce.", "Starters", "vegan", 650},
    {"Mango Sticky Rice", "Sweet coconut rice with fresh mango.", "Desserts", "vegan", 650},
    {"Pad See Ew", "Flat noodles with chicken and Chinese broccoli.", "Noodles", "", 1190},
    {"Som Tam Papaya Salad", "Green papaya, chilli, lime and peanuts.", "Salads", "vegan,spicy",
     850},
    {"Chicken Satay", "Grilled skewers with peanut sauce.", "Starters", "gluten_free", 790},
    {"Thai Basil Chicken", "Stir-fried chicken with holy basil and chilli.", "Mains", "spicy",
     1190},
};

inline constexpr ItemSpec indian_items[] = {
    {"Chicken Tikka Masala", "Chargrilled chicken in a creamy tomato sauce.", "Curries", "halal",
     1390},
    {"Butter Chicken", "Chicken in a mild butter and tomato sauce.", "Curries", "halal", 1390},
    {"Lamb Rogan Josh", "Slow-cooked lamb with Kashmiri chilli.", "Curries", "halal,spicy", 1490},
    {"Chana Masala", "Chickpeas in a spiced onion and tomato gravy.", "Curries", "vegan", 1050},
    {"Palak Paneer", "Cottage cheese in spinach sauce.", "Curries", "vegetarian,gluten_free", 1190},
    {"Vegetable Biryani", "Basmati rice layered with vegetables and saffron.", "Rice", "vegetarian",
     1190},
    {"Garlic Naan", "Tandoor-baked bread with garlic.", "Breads", "vegetarian", 350},
    {"Vegetable Samosa", "Pastry filled with spiced potato and peas.", "Starters", "vegan", 450},
    {"Chicken Biryani", "Basmati rice with chicken and fried onions.", "Rice", "halal", 1350},
    {"Dal Makhani", "Black lentils simmered with butter and cream.", "Curries", "vegetarian", 990},
    {"Chicken Tikka", "Tandoori chicken pieces with mint chutney.", "Starters", "gluten_free,halal",
     890},
    {"Mango Lassi", "Yoghurt drink with mango.", "Drinks", "vegetarian", 400},
    {"Aloo Gobi", "Potato and cauliflower with cumin.", "Curries", "vegan,gluten_free", 950},
};

inline constexpr ItemSpec mexican_items[] = {
    {"Beef Tacos", "Three corn tortillas with beef, salsa and coriander.", "Tacos", "gluten_free",
     1050},
    {"Chicken Burrito", "Flour tortilla with chicken, rice, beans and cheese.", "Burritos", "",
     1150},
    {"Bean Burrito", "Black beans, rice, salsa and guacamole.", "Burritos", "vegan", 990},
    {"Guacamole and Chips", "Fresh avocado dip with tortilla chips.", "Sides", "vegan,gluten_free",
     650},
    {"Cheese Quesadilla", "Grilled tortilla with melted cheese.", "Mains", "vegetarian", 850},
    {"Loaded Nachos", "Tortilla chips, cheese, jalapenos and sour cream.", "Sides", "vegetarian",
     890},
    {"Chicken Enchiladas", "Rolled tortillas in red chilli sauce.", "Mains", "spicy", 1250},
    {"Churros", "Cinnamon sugar churros with chocolate dip.", "Desserts", "vegetarian", 550},
    {"Carnitas Tacos", "Slow-cooked pork with pickled onion.", "Tacos", "gluten_free", 1100},
    {"Veggie Fajitas", "Peppers and onions with warm tortillas.", "Mains", "vegan", 1150},
    {"Elote", "Grilled corn with lime and chilli.", "Sides", "vegetarian,gluten_free", 450},
    {"Chili con Carne", "Beef and bean chilli with rice.", "Mains", "spicy", 1150},
};

inline constexpr ItemSpec chinese_items[] = {
    {"Kung Pao Chicken", "Chicken with peanuts, chilli and Sichuan pepper.", "Mains", "spicy",
     1250},
    {"Sweet and Sour Pork", "Crispy pork with pineapple and peppers.", "Mains", "", 1190},
    {"Beef Chow Mein", "Egg noodles stir-fried with beef and vegetables.", "Noodles", "", 1150},
    {"Vegetable Fried Rice", "Wok-fried rice with vegetables.", "Rice", "vegan", 850},
    {"Dim Sum Platter", "Har gow, siu mai and char siu bao.", "Dim Sum", "", 1450},
    {"Peking Duck", "Roast duck with pancakes and hoisin.", "Mains", "", 1890},
    {"Mapo Tofu", "Tofu in a fiery bean sauce.", "Mains", "vegan,spicy", 1050},
    {"Hot and Sour Soup", "Tofu, mushrooms and bamboo in a peppery broth.", "Soups", "spicy", 650},
    {"Char Siu Bao", "Steamed buns with barbecue pork.", "Dim Sum", "", 650},
    {"Egg Fried Rice", "Classic fried rice with egg and spring onion.", "Rice", "vegetarian", 750},
    {"Szechuan Noodles", "Noodles with chilli oil and greens.", "Noodles", "vegan,spicy", 990},
    {"Vegetable Spring Rolls", "Crispy rolls with plum sauce.", "Dim Sum", "vegetarian", 550},
};

inline constexpr ItemSpec vegan_items[] = {
    {"Buddha Bowl", "Quinoa, roasted sweet potato, kale and tahini.", "Bowls", "vegan,gluten_free",
     1190},
    {"Falafel Wrap", "Falafel, hummus and pickled vegetables.", "Wraps", "vegan", 950},
    {"Vegan Lasagne", "Lentil ragu and cashew bechamel.", "Mains", "vegan", 1290},
    {"Quinoa Salad", "Quinoa, cucumber, pomegranate and mint.", "Salads", "vegan,gluten_free", 990},
    {"Lentil Soup", "Red lentils with cumin and lemon.", "Soups", "vegan,gluten_free", 650},
    {"Vegan Brownie", "Dark chocolate and walnut brownie.", "Desserts", "vegan", 450},
    {"Acai Bowl", "Acai, banana, granola and berries.", "Bowls", "vegan", 950},
    {"Chickpea Curry", "Chickpeas and spinach in coconut curry.", "Mains", "vegan,gluten_free",
     1090},
    {"Tofu Scramble", "Turmeric tofu with spinach on sourdough.", "Breakfast", "vegan", 890},
    {"Vegan Burger", "Black bean patty with avocado.", "Mains", "vegan", 1150},
    {"Green Smoothie", "Spinach, apple, banana and ginger.", "Drinks", "vegan,gluten_free", 550},
    {"Avocado Toast", "Smashed avocado with chilli flakes.", "Breakfast", "vegan", 850},
};

inline constexpr ItemSpec korean_items[] = {
    {"Bibimbap", "Rice bowl with vegetables, egg and gochujang.", "Bowls", "vegetarian,spicy",
     1190},
    {"Korean Fried Chicken", "Double-fried chicken in sweet chilli glaze.", "Mains", "spicy", 1290},
    {"Bulgogi Beef", "Marinated grilled beef with rice.", "Mains", "", 1390},
    {"Kimchi Fried Rice", "Fried rice with kimchi and a fried egg.", "Rice", "spicy", 1050},
    {"Japchae", "Glass noodles with vegetables and sesame.", "Noodles", "vegan", 1050},
    {"Tteokbokki", "Rice cakes in spicy gochujang sauce.", "Snacks", "vegan,spicy", 890},
    {"Kimchi Pancake", "Crispy pancake with kimchi.", "Snacks", "vegan", 850},
    {"Mandu Dumplings", "Pork and vegetable dumplings.", "Snacks", "", 750},
    {"Seafood Pancake", "Spring onion pancake with squid and prawns.", "Snacks", "", 1090},
    {"Korean BBQ Pork", "Spicy grilled pork belly.", "Mains", "spicy", 1390},
    {"Soft Tofu Stew", "Sundubu jjigae with seafood.", "Soups", "spicy", 1150},
};

inline constexpr ItemSpec greek_items[] = {
    {"Chicken Gyros", "Pita with chicken, tzatziki, tomato and fries.", "Wraps", "", 990},
    {"Pork Souvlaki", "Grilled pork skewers with lemon and oregano.", "Grill", "gluten_free", 1150},
    {"Greek Salad", "Tomato, cucumber, olives and feta.", "Salads", "vegetarian,gluten_free", 890},
    {"Moussaka", "Aubergine, lamb mince and bechamel.", "Mains", "", 1350},
    {"Spanakopita", "Spinach and feta pie.", "Starters", "vegetarian", 750},
    {"Falafel Plate", "Falafel with hummus and salad.", "Mains", "vegan", 1050},
    {"Tzatziki", "Yoghurt, cucumber and garlic dip.", "Starters", "vegetarian,gluten_free", 450},
    {"Baklava", "Filo pastry with honey and pistachio.", "Desserts", "vegetarian", 450},
    {"Halloumi Fries", "Fried halloumi with pomegranate.", "Starters", "vegetarian", 750},
    {"Lamb Kleftiko", "Slow-roasted lamb with potatoes.", "Mains", "gluten_free", 1690},
    {"Hummus and Pita", "Chickpea dip with warm pita.", "Starters", "vegan", 550},
    {"Dolmades", "Vine leaves stuffed with rice and herbs.", "Starters", "vegan,gluten_free", 590},
};

inline constexpr ItemSpec french_items[] = {
    {"Crêpe Suzette", "Crêpe with orange butter and Grand Marnier.", "Crêpes", "vegetarian", 850},
    {"Galette Complète", "Buckwheat galette with ham, egg and gruyère.", "Galettes", "gluten_free",
     1050},
    {"Croque Monsieur", "Toasted ham and cheese with béchamel.", "Snacks", "", 950},
    {"Soupe à l'Oignon", "Onion soup with a gratinated crouton.", "Starters", "vegetarian", 850},
    {"Boeuf Bourguignon", "Beef braised in red wine with mushrooms.", "Mains", "", 1790},
    {"Coq au Vin", "Chicken braised in wine with lardons.", "Mains", "", 1690},
    {"Quiche Lorraine", "Bacon and egg custard tart.", "Snacks", "", 950},
    {"Crème Brûlée", "Vanilla custard with caramelised sugar.", "Desserts",
     "vegetarian,gluten_free", 750},
    {"Ratatouille", "Provençal stewed vegetables.", "Mains", "vegan,gluten_free", 1190},
    {"Salade Niçoise", "Tuna, egg, olives and green beans.", "Salads", "gluten_free,dairy_free",
     1290},
    {"Tarte Tatin", "Caramelised upside-down apple tart.", "Desserts", "vegetarian", 750},
    {"Croissant", "All-butter croissant.", "Bakery", "vegetarian", 250},
};

inline constexpr ItemSpec lebanese_items[] = {
    {"Chicken Shawarma", "Marinated chicken with garlic sauce in flatbread.", "Wraps", "halal",
     990},
    {"Lamb Kofta", "Grilled lamb skewers with sumac onions.", "Grill", "halal,gluten_free", 1350},
    {"Hummus Beiruti", "Chickpea purée with cumin and parsley.", "Mezze", "vegan,gluten_free", 590},
    {"Baba Ganoush", "Smoked aubergine with tahini.", "Mezze", "vegan,gluten_free", 590},
    {"Tabbouleh", "Parsley, bulgur, tomato and lemon.", "Mezze", "vegan", 650},
    {"Fattoush Salad", "Crisp bread, herbs and sumac dressing.", "Salads", "vegan", 750},
    {"Manakish Zaatar", "Flatbread with thyme and sesame.", "Bakery", "vegan", 550},
    {"Mixed Grill", "Shish taouk, kofta and lamb with rice.", "Grill", "halal,gluten_free", 1790},
    {"Kibbeh", "Bulgur shells filled with spiced lamb.", "Mezze", "halal", 750},
    {"Halloumi Wrap", "Grilled halloumi with mint and tomato.", "Wraps", "vegetarian", 890},
    {"Falafel Sandwich", "Falafel, tahini and pickles.", "Wraps", "vegan", 790},
    {"Knafeh", "Sweet cheese pastry with syrup.", "Desserts", "vegetarian", 650},
};

inline constexpr ItemSpec vietnamese_items[] = {
    {"Beef Pho", "Rice noodle soup with beef and herbs.", "Pho", "gluten_free,dairy_free", 1190},
    {"Chicken Pho", "Rice noodle soup with chicken.", "Pho", "gluten_free,dairy_free", 1090},
    {"Tofu Pho", "Rice noodle soup with tofu and vegetables.", "Pho", "vegan,gluten_free", 1050},
    {"Banh Mi Pork", "Baguette with grilled pork, pickles and coriander.", "Banh Mi", "", 850},
    {"Banh Mi Tofu", "Baguette with lemongrass tofu.", "Banh Mi", "vegan", 800},
    {"Fresh Summer Rolls", "Rice paper rolls with prawns and herbs.", "Starters", "gluten_free",
     650},
    {"Bun Cha", "Grilled pork with vermicelli and dipping sauce.", "Noodles", "", 1190},
    {"Lemongrass Chicken", "Caramelised chicken with rice.", "Mains", "gluten_free", 1150},
    {"Vietnamese Iced Coffee", "Strong coffee with condensed milk.", "Drinks", "vegetarian", 450},
    {"Crispy Spring Rolls", "Pork and glass noodle rolls.", "Starters", "", 650},
    {"Bun Bo Hue", "Spicy beef and lemongrass noodle soup.", "Pho", "spicy", 1250},
    {"Vermicelli Salad", "Cold noodles with herbs and peanuts.", "Salads", "vegan", 950},
};

inline constexpr ItemSpec breakfast_items[] = {
    {"Pancake Stack", "Buttermilk pancakes with maple syrup.", "Breakfast", "vegetarian", 850},
    {"Eggs Benedict", "Poached eggs, ham and hollandaise on a muffin.", "Breakfast", "", 1090},
    {"Full English Breakfast", "Eggs, bacon, sausage, beans and toast.", "Breakfast", "", 1290},
    {"Smashed Avocado Toast", "Sourdough with avocado and poached egg.", "Breakfast", "vegetarian",
     990},
    {"Granola Bowl", "Yoghurt, granola and berries.", "Breakfast", "vegetarian", 750},
    {"French Toast", "Brioche with cinnamon and berries.", "Breakfast", "vegetarian", 890},
    {"Cappuccino", "Double shot with steamed milk.", "Coffee", "vegetarian,gluten_free", 350},
    {"Fresh Orange Juice", "Squeezed to order.", "Drinks", "vegan,gluten_free", 400},
    {"Breakfast Burrito", "Scrambled eggs, chorizo and potatoes.", "Breakfast", "", 990},
    {"Blueberry Muffin", "Baked every morning.", "Bakery", "vegetarian", 350},
    {"Salmon Bagel", "Smoked salmon and cream cheese.", "Breakfast", "", 890},
    {"Shakshuka", "Eggs baked in spiced tomato sauce.", "Breakfast", "vegetarian,gluten_free",
     1050},
};

inline constexpr ItemSpec dessert_items[] = {
    {"Chocolate Brownie", "Fudgy brownie with sea salt.", "Cakes", "vegetarian", 450},
    {"New York Cheesecake", "Baked vanilla cheesecake.", "Cakes", "vegetarian", 550},
    {"Vanilla Gelato", "Madagascar vanilla.", "Gelato", "vegetarian,gluten_free", 450},
    {"Pistachio Gelato", "Sicilian pistachio.", "Gelato", "vegetarian,gluten_free", 500},
    {"Mango Sorbet", "Alphonso mango.", "Gelato", "vegan,gluten_free", 450},
    {"Apple Pie", "Warm apple pie with cinnamon.", "Cakes", "vegetarian", 550},
    {"Chocolate Chip Cookie", "Baked to order.", "Cookies", "vegetarian", 300},
    {"Belgian Waffles", "With whipped cream and strawberries.", "Waffles", "vegetarian", 750},
    {"Lemon Tart", "Sharp lemon curd in sweet pastry.", "Cakes", "vegetarian", 550},
    {"Vegan Chocolate Cake", "Dark chocolate and coconut.", "Cakes", "vegan", 550},
    {"Banana Split", "Banana, three scoops and hot fudge.", "Gelato", "vegetarian,gluten_free",
     750},
    {"Affogato", "Vanilla gelato drowned in espresso.", "Gelato", "vegetarian,gluten_free", 450},
};

inline constexpr Family families[] = {
    {"pizza,italian", "Luigi's Pizzeria|Napoli Express|Slice of Rome|Forno Bianco",
     "Wood-fired Neapolitan pies and fresh pasta.", pizza_items},
    {"burgers,american", "Burger Barn|Smash Bros Burgers|The Patty Shack|Big Bun Diner",
     "Smashed patties, fries and shakes.", burger_items},
    {"sushi,japanese", "Sakura Sushi|Tokyo Roll|Umami House|Kyoto Bento",
     "Fresh fish and rolls made to order.", sushi_items},
    {"thai", "Bangkok Street|Thai Orchid|Lemongrass Kitchen|Siam Smile",
     "Street food from Bangkok and the north.", thai_items},
    {"indian", "Bombay Spice|Taj Mahal Kitchen|Curry Leaf|Delhi Darbar",
     "Tandoor grills and slow-cooked curries.", indian_items},
    {"mexican", "El Mariachi|Taco Loco|Casa Verde|Cantina Azul",
     "Tacos, burritos and fresh salsas.", mexican_items},
    {"chinese", "Golden Dragon|Jade Garden|Wok This Way|Dim Sum Palace",
     "Cantonese and Sichuan classics.", chinese_items},
    {"vegan,healthy", "Green Leaf|Plant Power|Sprout|The Good Bowl",
     "Plant-based bowls, wraps and smoothies.", vegan_items},
    {"korean", "Seoul Food|Kimchi House|Gangnam Grill|Hanok Table",
     "Korean fried chicken and home cooking.", korean_items},
    {"greek,mediterranean", "Athena Taverna|Olive and Feta|Santorini|Mykonos Grill",
     "Grills, mezze and island salads.", greek_items},
    {"french,creperie", "Crêperie Ça Va|Le Petit Bistro|Chez Marcel|Brasserie du Coin",
     "Crêpes, galettes and bistro classics.", french_items},
    {"lebanese,middle_eastern", "Beirut Grill|Cedar Tree|Byblos|Zaatar and Co",
     "Mezze, grills and fresh bread.", lebanese_items},
    {"vietnamese", "Pho Saigon|Banh Mi Corner|Little Hanoi|Mekong Kitchen",
     "Pho, banh mi and fresh rolls.", vietnamese_items},
    {"breakfast,cafe", "Sunny Side Cafe|The Morning Table|Early Bird|Toast and Co",
     "All-day breakfast and specialty coffee.", breakfast_items},
    {"desserts,ice_cream", "Sweet Tooth|Gelato Bros|Sugar Rush|La Dolce Vita",
     "Gelato, cakes and cookies.", dessert_items},
};

}  // namespace reskflow::discovery::testing

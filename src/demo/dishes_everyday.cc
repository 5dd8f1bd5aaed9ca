// Dish pools of the everyday cuisines of the demo city: burgers, Mexican, vegan, salads and
// chicken wings. Prices in euro cents.
#include <array>

#include "content.h"

namespace reskflow::demo {
namespace {

constexpr std::array<Dish, 20> burgers{{
    {"Burgers", "Classic cheeseburger", "Dry-aged beef, cheddar, pickles, onions, house sauce.",
     1090, "", "gluten milk eggs mustard sesame", 820, "burger_extras burger_side"},
    {"Burgers", "Bacon BBQ burger", "Beef, smoked bacon, cheddar, onion rings, BBQ sauce.", 1290,
     "", "gluten milk eggs mustard sesame", 1010, "burger_extras burger_side"},
    {"Burgers", "Double smash burger", "Two smashed patties, American cheese, pickles.", 1350, "",
     "gluten milk eggs mustard sesame", 1120, "burger_extras burger_side"},
    {"Burgers", "Jalapeño burger", "Beef, pepper jack, jalapeños, chipotle mayo.", 1190, "spicy",
     "gluten milk eggs sesame", 900, "burger_extras burger_side"},
    {"Burgers", "Truffle mushroom burger", "Beef, mushrooms, truffle mayo, gruyère.", 1390, "",
     "gluten milk eggs", 950, "burger_extras burger_side"},
    {"Burgers", "Crispy chicken burger", "Buttermilk chicken, slaw, pickles.", 1150, "",
     "gluten eggs milk mustard", 880, "burger_extras burger_side"},
    {"Burgers", "Pulled pork burger", "Slow-smoked pork, BBQ, slaw.", 1250, "",
     "gluten mustard eggs", 930, "burger_side"},
    {"Veggie burgers", "Plant-based burger", "Pea-protein patty, vegan cheese, tomato, onion.",
     1190, "vegan", "gluten soybeans mustard", 780, "burger_extras burger_side"},
    {"Veggie burgers", "Halloumi burger", "Grilled halloumi, rocket, chilli jam.", 1150,
     "vegetarian", "gluten milk", 810, "burger_side"},
    {"Veggie burgers", "Falafel burger", "Falafel, hummus, pickled cabbage.", 1050, "vegan",
     "gluten sesame", 740, "burger_side"},
    {"Sides", "Fries", "Skin-on, sea salt.", 390, "vegan", "", 380, "dip"},
    {"Sides", "Sweet potato fries", "Smoked paprika.", 490, "vegan", "", 410, "dip"},
    {"Sides", "Onion rings", "Beer-battered.", 450, "vegetarian", "gluten milk", 430, "dip"},
    {"Sides", "Coleslaw", "Cabbage, carrot, creamy dressing.", 350, "vegetarian", "eggs mustard",
     210, ""},
    {"Sides", "Chili cheese fries", "Beef chili, cheddar sauce, jalapeños.", 690, "spicy", "milk",
     690, ""},
    {"Sides", "Chicken nuggets", "Six pieces.", 590, "", "gluten eggs", 420, "dip"},
    {"Shakes", "Vanilla milkshake", "Madagascar vanilla, whipped cream.", 490, "vegetarian", "milk",
     520, ""},
    {"Shakes", "Chocolate milkshake", "Dark chocolate, whipped cream.", 490, "vegetarian",
     "milk soybeans", 560, ""},
    {"Shakes", "Salted caramel shake", "Caramel, sea salt.", 520, "vegetarian", "milk", 580, ""},
    {"Shakes", "Oat berry shake", "Oat milk, berries, banana.", 520, "vegan", "gluten", 390, ""},
}};

constexpr std::array<Dish, 18> mexican{{
    {"Tacos", "Tacos al pastor", "Three tacos: marinated pork, pineapple, onion, coriander.", 990,
     "gluten_free", "", 540, "mex_extras spice"},
    {"Tacos", "Tacos de pollo", "Three tacos: chipotle chicken, pico de gallo.", 950, "gluten_free",
     "", 510, "mex_extras spice"},
    {"Tacos", "Tacos de carnitas", "Three tacos: slow-cooked pork, salsa verde.", 990,
     "gluten_free", "", 560, "mex_extras spice"},
    {"Tacos", "Baja fish tacos", "Three tacos: battered fish, cabbage, lime crema.", 1090, "",
     "fish eggs gluten milk", 620, "mex_extras"},
    {"Tacos", "Tacos de hongos", "Three tacos: roasted mushrooms, salsa macha.", 890,
     "vegan gluten_free", "sesame", 450, "mex_extras spice"},
    {"Burritos and bowls", "Burrito de pollo", "Chicken, rice, black beans, cheese, salsa.", 1190,
     "", "gluten milk", 880, "mex_extras spice"},
    {"Burritos and bowls", "Burrito de carne asada", "Grilled steak, rice, beans, salsa roja.",
     1290, "", "gluten milk", 920, "mex_extras spice"},
    {"Burritos and bowls", "Burrito vegano", "Sweet potato, black beans, rice, guacamole.", 1090,
     "vegan", "gluten", 820, "mex_extras spice"},
    {"Burritos and bowls", "Burrito bowl", "Chicken, rice, beans, corn, salsa, greens.", 1190,
     "gluten_free", "milk", 710, "mex_extras spice"},
    {"Burritos and bowls", "Quesadilla", "Cheese, peppers, onion, sour cream.", 890, "vegetarian",
     "gluten milk", 740, "mex_extras"},
    {"Burritos and bowls", "Chili sin carne", "Beans, peppers, chipotle, rice.", 990,
     "vegan gluten_free", "", 590, "spice"},
    {"Sides", "Nachos", "Tortilla chips, cheese, jalapeños, salsa.", 690, "vegetarian", "milk", 620,
     ""},
    {"Sides", "Guacamole and chips", "Made to order.", 590, "vegan gluten_free", "", 430, ""},
    {"Sides", "Elote", "Grilled corn, cotija, chilli, lime.", 450, "vegetarian gluten_free",
     "milk eggs", 260, ""},
    {"Sides", "Frijoles", "Refried black beans.", 350, "vegan gluten_free", "", 210, ""},
    {"Desserts", "Churros", "Cinnamon sugar, chocolate dip.", 550, "vegetarian", "gluten milk eggs",
     480, ""},
    {"Desserts", "Tres leches", "Sponge soaked in three milks.", 590, "vegetarian",
     "gluten milk eggs", 420, ""},
    {"Desserts", "Mango con chile", "Fresh mango, chilli, lime.", 450, "vegan gluten_free spicy",
     "", 120, ""},
}};

constexpr std::array<Dish, 16> vegan{{
    {"Bowls", "Buddha bowl", "Quinoa, roast squash, chickpeas, kale, tahini.", 1190,
     "vegan gluten_free", "sesame", 620, ""},
    {"Bowls", "Falafel plate", "Falafel, hummus, tabbouleh, pickles.", 1090, "vegan",
     "sesame gluten", 680, ""},
    {"Bowls", "Sweet potato curry", "Coconut, spinach, brown rice.", 1190, "vegan gluten_free", "",
     640, "spice"},
    {"Bowls", "Red lentil soup", "Coconut, lime, coriander.", 650, "vegan gluten_free", "", 320,
     ""},
    {"Mains", "Seitan schnitzel", "Potato salad, lemon.", 1390, "vegan", "gluten mustard", 820, ""},
    {"Mains", "Vegan currywurst", "Berlin's classic, with fries.", 890, "vegan",
     "gluten celery mustard", 760, ""},
    {"Mains", "Lentil bolognese", "Spaghetti, lentil ragù, cashew parmesan.", 1150, "vegan",
     "gluten celery nuts", 720, ""},
    {"Mains", "Jackfruit tacos", "Three tacos, pickled onion, salsa.", 990, "vegan gluten_free", "",
     480, ""},
    {"Mains", "Mushroom risotto", "Porcini, thyme, white wine.", 1250, "vegan gluten_free",
     "sulphites", 610, ""},
    {"Sandwiches", "Smoked tofu sandwich", "Sourdough, smoked tofu, mustard, pickles.", 790,
     "vegan", "gluten soybeans mustard", 520, ""},
    {"Sandwiches", "Tofu scramble toast", "Turmeric tofu, spinach, sourdough.", 890, "vegan",
     "gluten soybeans", 480, ""},
    {"Sandwiches", "Chickpea salad wrap", "Chickpeas, celery, vegan mayo.", 790, "vegan",
     "gluten celery mustard", 530, ""},
    {"Sweets", "Vegan cheesecake", "Cashew, lemon, berries.", 550, "vegan", "nuts gluten", 390, ""},
    {"Sweets", "Chocolate brownie", "Dark chocolate, sea salt.", 450, "vegan", "gluten soybeans",
     410, ""},
    {"Sweets", "Banana bread", "Walnuts, maple.", 390, "vegan", "gluten nuts", 360, ""},
    {"Sweets", "Energy balls", "Dates, oats, cocoa.", 350, "vegan", "gluten nuts", 220, ""},
}};

constexpr std::array<Dish, 16> salads{{
    {"Salads", "Caesar salad", "Romaine, parmesan, croutons, anchovy dressing.", 990, "",
     "gluten milk eggs fish", 520, "salad_protein"},
    {"Salads", "Greek salad", "Tomato, cucumber, olives, feta.", 950, "vegetarian gluten_free",
     "milk", 380, "salad_protein"},
    {"Salads", "Quinoa and feta", "Quinoa, cucumber, mint, feta, lemon.", 1050,
     "vegetarian gluten_free", "milk", 460, "dressing salad_protein"},
    {"Salads", "Superfood salad", "Kale, quinoa, avocado, pomegranate, seeds.", 1090,
     "vegan gluten_free", "sesame", 490, "dressing salad_protein"},
    {"Salads", "Beetroot and goat cheese", "Roast beetroot, leaves, walnuts.", 1050,
     "vegetarian gluten_free", "milk nuts", 470, "dressing"},
    {"Salads", "Asian slaw", "Cabbage, carrot, edamame, peanuts.", 990, "vegan",
     "peanuts soybeans sesame", 420, "salad_protein"},
    {"Salads", "Cobb salad", "Chicken, bacon, egg, avocado, blue cheese.", 1250, "gluten_free",
     "milk eggs", 640, "dressing"},
    {"Salads", "Niçoise", "Tuna, egg, green beans, potatoes, olives.", 1190, "gluten_free",
     "fish eggs mustard", 560, ""},
    {"Warm bowls", "Teriyaki chicken bowl", "Brown rice, broccoli, edamame.", 1190, "",
     "soybeans gluten sesame", 640, ""},
    {"Warm bowls", "Halloumi and roast vegetables", "Freekeh, harissa yoghurt.", 1150, "vegetarian",
     "milk gluten", 690, ""},
    {"Warm bowls", "Falafel bowl", "Bulgur, hummus, pickled cabbage.", 1090, "vegan",
     "sesame gluten", 650, ""},
    {"Soups", "Tomato and basil soup", "Sourdough croutons.", 590, "vegan", "gluten", 240, ""},
    {"Soups", "Pumpkin and ginger soup", "Pumpkin seeds.", 590, "vegan gluten_free", "", 260, ""},
    {"Snacks", "Hummus and crudités", "Carrot, cucumber, peppers.", 550, "vegan gluten_free",
     "sesame", 280, ""},
    {"Snacks", "Energy balls", "Three: dates, cashews, cocoa.", 350, "vegan gluten_free", "nuts",
     210, ""},
    {"Snacks", "Overnight oats", "Oats, almond milk, berries.", 490, "vegan", "gluten nuts", 330,
     ""},
}};

constexpr std::array<Dish, 16> chicken{{
    {"Wings", "Buffalo wings", "Classic hot sauce, blue cheese dip.", 890, "spicy",
     "milk celery eggs", 760, "wings_portion"},
    {"Wings", "BBQ wings", "Smoky, sweet, sticky.", 890, "", "mustard", 780, "wings_portion"},
    {"Wings", "Honey garlic wings", "Soy, honey, roasted garlic.", 890, "", "soybeans gluten", 790,
     "wings_portion"},
    {"Wings", "Gochujang wings", "Korean chilli glaze, sesame.", 950, "spicy",
     "soybeans sesame gluten", 800, "wings_portion"},
    {"Wings", "Lemon pepper wings", "Dry rub, lemon zest.", 890, "gluten_free", "", 720,
     "wings_portion"},
    {"Wings", "Boneless wings", "Crispy thigh pieces, your sauce.", 950, "", "gluten eggs", 820,
     "wings_portion wings_sauce"},
    {"Tenders and sandwiches", "Crispy tenders", "Four buttermilk tenders.", 890, "",
     "gluten eggs milk", 690, "wings_sauce"},
    {"Tenders and sandwiches", "Nashville hot sandwich", "Hot chicken, pickles, slaw, brioche.",
     1090, "spicy", "gluten eggs milk mustard", 920, ""},
    {"Tenders and sandwiches", "Chicken wrap", "Tenders, lettuce, ranch.", 950, "",
     "gluten eggs milk", 740, ""},
    {"Sides", "Fries", "Cajun salt.", 390, "vegan", "", 380, ""},
    {"Sides", "Mac and cheese", "Three cheeses, crumbs.", 590, "vegetarian", "gluten milk", 560,
     ""},
    {"Sides", "Corn on the cob", "Butter, paprika.", 390, "vegetarian gluten_free", "milk", 190,
     ""},
    {"Sides", "Coleslaw", "Creamy, with apple.", 350, "vegetarian gluten_free", "eggs mustard", 210,
     ""},
    {"Sides", "Blue cheese dip", "Extra dip.", 150, "vegetarian gluten_free", "milk eggs", 120, ""},
    {"Sides", "Ranch dip", "Extra dip.", 150, "vegetarian gluten_free", "milk eggs", 110, ""},
    {"Sides", "Brownie", "Fudgy, dark chocolate.", 450, "vegetarian", "gluten milk eggs", 430, ""},
}};

constexpr std::array<Dish, 2> burger_drinks{{
    {"Drinks", "Craft IPA, 0.33 l", "Brewed in Neukölln.", 450, "vegan", "gluten", 190, "", true},
    {"Drinks", "Ginger beer", "Fiery, 0.33 l.", 350, "vegan gluten_free", "", 130, ""},
}};

constexpr std::array<Dish, 2> mexican_drinks{{
    {"Drinks", "Horchata", "Rice, cinnamon, vanilla.", 390, "vegan gluten_free", "", 210, ""},
    {"Drinks", "Mexican lager, 0.33 l", "With lime.", 420, "vegan", "gluten", 140, "", true},
}};

constexpr std::array<Dish, 2> healthy_drinks{{
    {"Drinks", "Green smoothie", "Spinach, apple, banana, ginger.", 490, "vegan gluten_free", "",
     210, ""},
    {"Drinks", "Ginger shot", "Ginger, lemon, turmeric.", 290, "vegan gluten_free", "", 20, ""},
}};

constexpr std::array<Cuisine, 5> everyday{{
    {"burgers", "Burgers", "#e65100", 15, burgers, burger_drinks},
    {"mexican", "Mexican", "#c62828", 12, mexican, mexican_drinks},
    {"vegan", "Vegan", "#2e7d32", 15, vegan, healthy_drinks},
    {"salads", "Salads", "#7cb342", 10, salads, healthy_drinks},
    {"chicken", "Wings", "#ff8f00", 15, chicken, burger_drinks},
}};

}  // namespace

std::span<const Cuisine> everyday_cuisines() { return everyday; }

}  // namespace reskflow::demo

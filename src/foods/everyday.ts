// The prepared foods people actually log (seed 004 searches for "toast"), which a raw
// composition table lacks. Values per 100 g, rounded, after the USDA FoodData Central entry
// named in each row's source (SR Legacy and FNDDS, public domain); servings are the usual
// household measures with their weight in grams.
import { servingOf, type FoodRecord, type Nutrients } from "./food-record.ts";

const USDA = "USDA FoodData Central (public domain), values rounded, after";

// kcal, carbohydrate, protein, fat, saturated fat, fiber, sugar (g), sodium, cholesterol (mg)
type Per100 = readonly [number, number, number, number, number, number, number, number, number];
type Row = readonly [key: string, name: string, group: string, reference: string, per100: Per100, servings: readonly (readonly [description: string, measurement: string, grams: number])[]];

const ROWS: readonly Row[] = [
  ["toast-white", "Toast, white bread", "Breads", "Bread, white, commercially prepared, toasted", [293, 54.4, 9.0, 4.0, 0.9, 2.5, 5.6, 530, 0], [["1 slice", "slice", 22]]],
  ["toast-whole-wheat", "Toast, whole wheat bread", "Breads", "Bread, whole-wheat, commercially prepared, toasted", [282, 48.1, 13.9, 3.9, 0.8, 6.8, 4.9, 500, 0], [["1 slice", "slice", 25]]],
  ["toast-butter", "Toast with butter", "Breads", "Bread, white, toasted, with butter (22 g toast, 5 g butter)", [371, 44.3, 7.5, 18.3, 10.3, 2.0, 4.6, 551, 40], [["1 slice", "slice", 27]]],
  ["french-toast", "French toast", "Breads", "French toast, prepared from recipe, made with low fat (2%) milk", [229, 25.0, 7.7, 10.8, 2.7, 1.0, 4.0, 479, 116], [["1 slice", "slice", 65]]],
  ["bread-white", "Bread, white", "Breads", "Bread, white, commercially prepared", [266, 50.6, 7.6, 3.3, 0.7, 2.4, 5.7, 490, 0], [["1 slice", "slice", 25]]],
  ["bread-whole-wheat", "Bread, whole wheat", "Breads", "Bread, whole-wheat, commercially prepared", [252, 42.7, 12.5, 3.5, 0.7, 6.0, 4.4, 450, 0], [["1 slice", "slice", 28]]],
  ["bread-multigrain", "Bread, multigrain", "Breads", "Bread, multi-grain", [265, 43.3, 13.4, 4.2, 0.9, 7.4, 6.0, 380, 0], [["1 slice", "slice", 26]]],
  ["bread-rye", "Bread, rye", "Breads", "Bread, rye", [259, 48.3, 8.5, 3.3, 0.6, 5.8, 3.9, 603, 0], [["1 slice", "slice", 32]]],
  ["bagel-plain", "Bagel, plain", "Breads", "Bagels, plain, enriched", [250, 48.9, 10.1, 1.5, 0.3, 2.1, 6.1, 439, 0], [["1 bagel", "bagel", 105]]],
  ["croissant-butter", "Croissant, butter", "Breads", "Croissants, butter", [406, 45.8, 8.2, 21.0, 11.7, 2.6, 11.3, 467, 67], [["1 croissant", "croissant", 57]]],
  ["english-muffin", "English muffin", "Breads", "English muffins, plain, enriched", [227, 44.2, 8.9, 1.7, 0.3, 3.5, 3.5, 425, 0], [["1 muffin", "muffin", 57]]],
  ["pita-white", "Pita bread, white", "Breads", "Bread, pita, white, enriched", [275, 55.7, 9.1, 1.2, 0.2, 2.2, 1.3, 536, 0], [["1 pita", "pita", 60]]],
  ["naan", "Naan", "Breads", "Bread, naan, plain", [291, 50.4, 9.6, 5.7, 1.3, 2.2, 3.2, 465, 0], [["1 piece", "piece", 90]]],
  ["tortilla-flour", "Tortilla, flour", "Breads", "Tortillas, ready-to-bake or -fry, flour", [306, 50.0, 8.2, 8.0, 2.0, 3.5, 3.0, 600, 0], [["1 tortilla (8\")", "tortilla", 49]]],
  ["pancake", "Pancakes, plain", "Breads", "Pancakes, plain, prepared from recipe", [227, 28.3, 6.4, 9.7, 2.1, 1.0, 5.0, 439, 59], [["1 pancake (4\")", "pancake", 38]]],
  ["oatmeal-cooked", "Oatmeal, cooked with water", "Cereals", "Cereals, oats, regular and quick, cooked with water, without salt", [71, 12.0, 2.5, 1.5, 0.3, 1.7, 0.3, 4, 0], [["1 cup", "cup", 234]]],
  ["oats-rolled", "Oats, rolled, dry", "Cereals", "Cereals, oats, regular and quick, not fortified, dry", [379, 67.7, 13.2, 6.5, 1.1, 10.1, 1.0, 6, 0], [["1/2 cup", "cup", 40]]],
  ["corn-flakes", "Corn flakes cereal", "Cereals", "Cereals ready-to-eat, corn flakes", [357, 84.0, 7.5, 0.4, 0.1, 3.3, 9.5, 729, 0], [["1 cup", "cup", 28]]],
  ["granola", "Granola", "Cereals", "Cereals ready-to-eat, granola, homemade", [471, 64.0, 10.0, 20.0, 3.7, 7.0, 24.0, 26, 0], [["1/2 cup", "cup", 61]]],
  ["muesli", "Muesli", "Cereals", "Cereals ready-to-eat, muesli, dried fruit and nuts", [340, 66.0, 9.7, 5.7, 0.9, 7.3, 26.0, 200, 0], [["1 cup", "cup", 85]]],
  ["rice-white-cooked", "Rice, white, cooked", "Cereals", "Rice, white, long-grain, regular, enriched, cooked", [130, 28.2, 2.7, 0.3, 0.1, 0.4, 0.1, 1, 0], [["1 cup", "cup", 158]]],
  ["rice-brown-cooked", "Rice, brown, cooked", "Cereals", "Rice, brown, long-grain, cooked", [123, 25.6, 2.7, 1.0, 0.3, 1.6, 0.2, 4, 0], [["1 cup", "cup", 195]]],
  ["pasta-cooked", "Pasta, cooked", "Cereals", "Pasta, cooked, enriched, without added salt", [158, 30.9, 5.8, 0.9, 0.2, 1.8, 0.6, 1, 0], [["1 cup", "cup", 140]]],
  ["milk-whole", "Milk, whole", "Dairy", "Milk, whole, 3.25% milkfat", [61, 4.8, 3.2, 3.3, 1.9, 0, 5.1, 43, 10], [["1 cup", "cup", 244], ["1 glass (250 ml)", "glass", 258]]],
  ["milk-semi-skimmed", "Milk, semi-skimmed (2%)", "Dairy", "Milk, reduced fat, fluid, 2% milkfat", [50, 4.8, 3.3, 2.0, 1.3, 0, 5.1, 47, 8], [["1 cup", "cup", 244]]],
  ["milk-skim", "Milk, skimmed", "Dairy", "Milk, nonfat, fluid (fat free or skim)", [34, 5.0, 3.4, 0.1, 0.1, 0, 5.1, 42, 2], [["1 cup", "cup", 245]]],
  ["yogurt-plain", "Yogurt, plain, whole milk", "Dairy", "Yogurt, plain, whole milk", [61, 4.7, 3.5, 3.3, 2.1, 0, 4.7, 46, 13], [["1 cup", "cup", 245], ["1 container", "container", 170]]],
  ["greek-yogurt", "Greek yogurt, plain, nonfat", "Dairy", "Yogurt, Greek, plain, nonfat", [59, 3.6, 10.2, 0.4, 0.1, 0, 3.2, 36, 5], [["1 container", "container", 170]]],
  ["cheddar", "Cheese, cheddar", "Dairy", "Cheese, cheddar", [403, 1.3, 24.9, 33.1, 21.1, 0, 0.5, 621, 105], [["1 slice", "slice", 28]]],
  ["mozzarella", "Cheese, mozzarella", "Dairy", "Cheese, mozzarella, whole milk", [300, 2.2, 22.2, 22.4, 13.2, 0, 1.0, 627, 79], [["1 oz", "oz", 28]]],
  ["cream-cheese", "Cream cheese", "Dairy", "Cheese, cream", [342, 4.1, 5.9, 34.2, 19.3, 0, 3.2, 321, 110], [["1 tbsp", "tbsp", 14.5]]],
  ["butter", "Butter, salted", "Dairy", "Butter, salted", [717, 0.1, 0.9, 81.1, 51.4, 0, 0.1, 643, 215], [["1 tbsp", "tbsp", 14.2], ["1 pat", "pat", 5]]],
  ["ice-cream-vanilla", "Ice cream, vanilla", "Dairy", "Ice creams, vanilla", [207, 23.6, 3.5, 11.0, 6.8, 0.7, 21.2, 80, 44], [["1/2 cup", "cup", 66]]],
  ["egg-boiled", "Egg, boiled", "Eggs", "Egg, whole, cooked, hard-boiled", [155, 1.1, 12.6, 10.6, 3.3, 0, 1.1, 124, 373], [["1 large", "large", 50]]],
  ["egg-scrambled", "Eggs, scrambled", "Eggs", "Egg, whole, cooked, scrambled", [149, 1.6, 10.0, 11.0, 3.3, 0, 1.4, 145, 277], [["1 large egg", "large", 61]]],
  ["egg-fried", "Egg, fried", "Eggs", "Egg, whole, cooked, fried", [196, 0.8, 13.6, 14.8, 4.3, 0, 0.4, 207, 401], [["1 large", "large", 46]]],
  ["coffee-black", "Coffee, black", "Drinks", "Beverages, coffee, brewed, prepared with tap water", [1, 0, 0.1, 0, 0, 0, 0, 2, 0], [["1 cup", "cup", 237]]],
  ["cafe-latte", "Café latte", "Drinks", "Coffee, latte, with reduced fat (2%) milk", [42, 4.1, 2.8, 1.6, 1.0, 0, 3.9, 40, 6], [["1 cup", "cup", 240], ["1 grande (16 fl oz)", "grande", 473]]],
  ["tea-black", "Tea, black", "Drinks", "Beverages, tea, black, brewed, prepared with tap water", [1, 0.3, 0, 0, 0, 0, 0, 3, 0], [["1 cup", "cup", 237]]],
  ["tea-milk-sugar", "Tea with milk and sugar", "Drinks", "Tea, with milk and sugar", [38, 6.2, 0.9, 1.0, 0.6, 0, 6.2, 12, 3], [["1 cup", "cup", 240]]],
  ["orange-juice", "Orange juice", "Drinks", "Orange juice, raw", [45, 10.4, 0.7, 0.2, 0, 0.2, 8.4, 1, 0], [["1 cup", "cup", 248]]],
  ["apple-juice", "Apple juice", "Drinks", "Apple juice, canned or bottled, unsweetened", [46, 11.3, 0.1, 0.1, 0, 0.2, 9.6, 4, 0], [["1 cup", "cup", 248]]],
  ["cola", "Cola", "Drinks", "Beverages, carbonated, cola", [37, 9.6, 0, 0, 0, 0, 9.0, 4, 0], [["1 can (12 fl oz)", "can", 368]]],
  ["beer", "Beer, regular", "Drinks", "Alcoholic beverage, beer, regular, all", [43, 3.6, 0.5, 0, 0, 0, 0, 4, 0], [["1 can (12 fl oz)", "can", 356]]],
  ["wine-red", "Wine, red", "Drinks", "Alcoholic beverage, wine, table, red", [85, 2.6, 0.1, 0, 0, 0, 0.6, 4, 0], [["1 glass (5 fl oz)", "glass", 147]]],
  ["water", "Water", "Drinks", "Beverages, water, tap, drinking", [0, 0, 0, 0, 0, 0, 0, 4, 0], [["1 glass (250 ml)", "glass", 250]]],
  ["pizza-cheese", "Pizza, cheese", "Dishes", "Pizza, cheese topping, regular crust, frozen, cooked", [266, 33.0, 11.4, 10.4, 4.5, 2.3, 3.6, 598, 17], [["1 slice", "slice", 107]]],
  ["pizza-pepperoni", "Pizza, pepperoni", "Dishes", "Pizza, pepperoni topping, regular crust, frozen, cooked", [290, 32.0, 12.3, 12.6, 5.1, 2.3, 3.8, 680, 25], [["1 slice", "slice", 111]]],
  ["hamburger", "Hamburger", "Dishes", "Fast foods, hamburger; single, regular patty; plain", [252, 30.0, 12.5, 9.5, 3.5, 1.3, 6.0, 500, 30], [["1 sandwich", "sandwich", 105]]],
  ["cheeseburger", "Cheeseburger", "Dishes", "Fast foods, cheeseburger; single, regular patty; plain", [263, 27.0, 13.5, 11.6, 5.0, 1.3, 6.0, 600, 37], [["1 sandwich", "sandwich", 119]]],
  ["french-fries", "French fries", "Dishes", "Fast foods, potato, french fried in vegetable oil", [312, 41.4, 3.4, 14.7, 2.3, 3.8, 0.3, 210, 0], [["1 medium serving", "serving", 117]]],
  ["spaghetti-bolognese", "Spaghetti bolognese", "Dishes", "Spaghetti with meat sauce", [130, 16.0, 6.4, 4.3, 1.5, 1.5, 2.8, 270, 15], [["1 cup", "cup", 248]]],
  ["chicken-curry", "Chicken curry", "Dishes", "Chicken curry", [142, 5.5, 13.0, 7.6, 2.0, 1.2, 2.4, 390, 45], [["1 cup", "cup", 235]]],
  ["dal", "Dal (lentil curry)", "Dishes", "Lentils, curried", [104, 14.6, 6.0, 2.7, 0.4, 4.0, 1.0, 280, 0], [["1 cup", "cup", 200]]],
  ["fried-rice", "Fried rice with egg", "Dishes", "Rice, fried, with egg", [174, 31.0, 4.7, 3.4, 0.6, 1.0, 0.5, 396, 34], [["1 cup", "cup", 137]]],
  ["chicken-breast-grilled", "Chicken breast, grilled", "Dishes", "Chicken, broilers or fryers, breast, meat only, cooked, roasted", [165, 0, 31.0, 3.6, 1.0, 0, 0, 74, 85], [["1 breast", "breast", 120]]],
  ["salmon-baked", "Salmon, baked", "Dishes", "Fish, salmon, Atlantic, farmed, cooked, dry heat", [206, 0, 22.1, 12.4, 2.5, 0, 0, 61, 63], [["1 fillet", "fillet", 150]]],
  ["chicken-noodle-soup", "Chicken noodle soup", "Dishes", "Soup, chicken noodle, canned, prepared with equal volume water", [26, 3.1, 1.3, 0.9, 0.2, 0.2, 0.3, 340, 5], [["1 cup", "cup", 241]]],
  ["tomato-soup", "Tomato soup", "Dishes", "Soup, tomato, canned, prepared with equal volume water", [30, 6.5, 0.8, 0.3, 0.1, 0.6, 4.0, 290, 0], [["1 cup", "cup", 244]]],
  ["garden-salad", "Garden salad, no dressing", "Dishes", "Salad, tossed, without dressing", [17, 3.3, 1.2, 0.2, 0, 2.1, 2.0, 22, 0], [["1 cup", "cup", 55]]],
  ["hummus", "Hummus", "Dishes", "Hummus, commercial", [166, 14.3, 7.9, 9.6, 1.4, 6.0, 0.3, 379, 0], [["1 tbsp", "tbsp", 15]]],
  ["peanut-butter", "Peanut butter", "Spreads", "Peanut butter, smooth style, with salt", [588, 20.0, 25.0, 50.0, 10.0, 6.0, 9.2, 459, 0], [["1 tbsp", "tbsp", 16]]],
  ["jam", "Jam", "Spreads", "Jams and preserves", [278, 68.9, 0.4, 0.1, 0, 1.1, 48.5, 32, 0], [["1 tbsp", "tbsp", 20]]],
  ["honey", "Honey", "Spreads", "Honey", [304, 82.4, 0.3, 0, 0, 0.2, 82.1, 4, 0], [["1 tbsp", "tbsp", 21]]],
  ["banana", "Banana", "Fruit", "Bananas, raw", [89, 22.8, 1.1, 0.3, 0.1, 2.6, 12.2, 1, 0], [["1 medium", "medium", 118]]],
  ["apple", "Apple", "Fruit", "Apples, raw, with skin", [52, 13.8, 0.3, 0.2, 0, 2.4, 10.4, 1, 0], [["1 medium", "medium", 182]]],
  ["orange", "Orange", "Fruit", "Oranges, raw, all commercial varieties", [47, 11.8, 0.9, 0.1, 0, 2.4, 9.4, 0, 0], [["1 medium", "medium", 131]]],
  ["avocado", "Avocado", "Fruit", "Avocados, raw, all commercial varieties", [160, 8.5, 2.0, 14.7, 2.1, 6.7, 0.7, 7, 0], [["1/2 avocado", "avocado", 68]]],
  ["potato-chips", "Potato chips (crisps)", "Snacks", "Snacks, potato chips, plain, salted", [536, 53.0, 7.0, 34.6, 3.1, 4.4, 0.3, 525, 0], [["1 oz", "oz", 28]]],
  ["milk-chocolate", "Chocolate, milk", "Snacks", "Candies, milk chocolate", [535, 59.4, 7.7, 29.7, 18.5, 3.4, 51.5, 79, 23], [["1 bar", "bar", 44]]],
  ["chocolate-chip-cookie", "Cookie, chocolate chip", "Snacks", "Cookies, chocolate chip, commercially prepared", [488, 64.3, 5.4, 24.0, 8.0, 2.4, 35.0, 330, 0], [["1 cookie", "cookie", 16]]],
];

export const EVERYDAY_SOURCE_PREFIX = USDA;

export function buildEverydayFoods(): FoodRecord[] {
  return ROWS.map(([key, name, group, reference, per100, servings]) => {
    const [calories, carbohydrate, protein, fat, saturatedFat, fiber, sugar, sodium, cholesterol] = per100;
    const nutrients: Nutrients = { calories, carbohydrate, protein, fat, saturatedFat, fiber, sugar, sodium, cholesterol };
    return {
      sourceKey: `fitgate:${key}`,
      name,
      brandName: null,
      foodType: "Generic",
      foodGroup: group,
      source: `${USDA} "${reference}"`,
      barcode: null,
      servings: [...servings.map(([description, measurement, grams]) => servingOf(nutrients, description, measurement, grams)), servingOf(nutrients, "100 g", "g", 100, "g", 100)],
    };
  });
}

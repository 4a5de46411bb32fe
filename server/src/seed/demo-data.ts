// The demo catalogue's vocabulary: a category tree and, per leaf, what is sold there and for how much.

export interface DemoCategory {
  name: string;
  description: string;
  children?: DemoCategory[];
  /** Leaves only: product kinds, brands, price range in whole units, and selling points. */
  products?: { kinds: string[]; brands: string[]; price: [number, number]; features: string[] };
}

const tech = ['Nordic', 'Vertex', 'Lumen', 'Arcadia', 'Kestrel', 'Orbis'];
const home = ['Maison', 'Hearth & Co', 'Birch', 'Kobo', 'Ember'];
const wear = ['Atlas', 'Fjord', 'Marlow', 'Sienna', 'Tundra'];

export const demoTree: DemoCategory[] = [
  {
    name: 'Electronics',
    description: 'Computers, phones, audio and everything with a battery',
    children: [
      {
        name: 'Computers',
        description: 'Laptops, desktops and what goes with them',
        children: [
          {
            name: 'Laptops',
            description: 'Portable computers',
            products: {
              kinds: ['Laptop', 'Ultrabook', 'Gaming Laptop', 'Chromebook'],
              brands: tech,
              price: [349, 3499],
              features: [
                'a 120 Hz display',
                '18 hours of battery',
                'a backlit keyboard',
                'Thunderbolt 4 ports',
                'a 1080p webcam',
                'an aluminium unibody',
              ],
            },
          },
          {
            name: 'Desktops',
            description: 'Towers and all-in-ones',
            products: {
              kinds: ['Desktop Tower', 'Mini PC', 'All-in-One PC'],
              brands: tech,
              price: [299, 2999],
              features: ['a quiet cooler', 'room for four drives', 'Wi-Fi 7', 'a tool-less case'],
            },
          },
          {
            name: 'Monitors',
            description: 'Screens for work and play',
            products: {
              kinds: ['Monitor', 'Ultrawide Monitor', '4K Monitor'],
              brands: tech,
              price: [129, 1499],
              features: ['an IPS panel', 'a height-adjustable stand', 'USB-C power delivery', 'HDR400'],
            },
          },
          {
            name: 'Keyboards & Mice',
            description: 'Input devices',
            products: {
              kinds: ['Mechanical Keyboard', 'Wireless Mouse', 'Trackpad', 'Ergonomic Keyboard'],
              brands: tech,
              price: [19, 249],
              features: [
                'hot-swappable switches',
                'a six-month battery',
                'silent clicks',
                'Bluetooth multi-device pairing',
              ],
            },
          },
        ],
      },
      {
        name: 'Phones & Tablets',
        description: 'Smartphones, tablets and accessories',
        children: [
          {
            name: 'Smartphones',
            description: 'Unlocked phones',
            products: {
              kinds: ['Smartphone', 'Phone', 'Foldable Phone'],
              brands: tech,
              price: [199, 1899],
              features: ['a triple camera', 'all-day battery', 'an OLED screen', 'IP68 water resistance', '5G'],
            },
          },
          {
            name: 'Tablets',
            description: 'Tablets and e-readers',
            products: {
              kinds: ['Tablet', 'E-Reader', 'Drawing Tablet'],
              brands: tech,
              price: [99, 1299],
              features: ['a paper-like screen', 'stylus support', 'a week of battery', 'stereo speakers'],
            },
          },
          {
            name: 'Phone Accessories',
            description: 'Cases, chargers and cables',
            products: {
              kinds: ['Phone Case', 'Fast Charger', 'USB-C Cable', 'Power Bank'],
              brands: tech,
              price: [9, 89],
              features: ['drop protection', '65 W output', 'a braided jacket', 'MagSafe compatibility'],
            },
          },
        ],
      },
      {
        name: 'Audio',
        description: 'Headphones and speakers',
        children: [
          {
            name: 'Headphones',
            description: 'Over-ear, on-ear and earbuds',
            products: {
              kinds: ['Headphones', 'Wireless Earbuds', 'Studio Headphones'],
              brands: tech,
              price: [29, 599],
              features: [
                'active noise cancelling',
                '30 hours of playback',
                'memory-foam cushions',
                'a detachable cable',
              ],
            },
          },
          {
            name: 'Speakers',
            description: 'Portable and home speakers',
            products: {
              kinds: ['Bluetooth Speaker', 'Soundbar', 'Bookshelf Speakers'],
              brands: tech,
              price: [39, 999],
              features: ['room-filling bass', 'a waterproof shell', 'multi-room streaming', 'a built-in microphone'],
            },
          },
        ],
      },
      {
        name: 'Cameras',
        description: 'Cameras and lenses',
        products: {
          kinds: ['Mirrorless Camera', 'Action Camera', 'Prime Lens', 'Zoom Lens'],
          brands: tech,
          price: [149, 3999],
          features: ['in-body stabilisation', '4K video', 'weather sealing', 'fast autofocus'],
        },
      },
    ],
  },
  {
    name: 'Home & Kitchen',
    description: 'For the kitchen and every other room',
    children: [
      {
        name: 'Kitchen Appliances',
        description: 'Small appliances',
        children: [
          {
            name: 'Coffee Machines',
            description: 'Espresso, filter and pods',
            products: {
              kinds: ['Espresso Machine', 'Filter Coffee Maker', 'Café Grinder', 'Milk Frother'],
              brands: home,
              price: [29, 1299],
              features: ['a 15-bar pump', 'a steam wand for café crème', 'a built-in grinder', 'a thermal carafe'],
            },
          },
          {
            name: 'Blenders',
            description: 'Blenders and food processors',
            products: {
              kinds: ['Blender', 'Food Processor', 'Hand Blender'],
              brands: home,
              price: [25, 499],
              features: ['a 1.5 l glass jug', 'ice-crushing blades', 'six speeds', 'dishwasher-safe parts'],
            },
          },
          {
            name: 'Kettles & Toasters',
            description: 'Breakfast essentials',
            products: {
              kinds: ['Kettle', 'Toaster', 'Variable-Temperature Kettle'],
              brands: home,
              price: [19, 179],
              features: ['a keep-warm setting', 'extra-wide slots', 'a limescale filter', 'a brushed steel body'],
            },
          },
        ],
      },
      {
        name: 'Cookware',
        description: 'Pots, pans and knives',
        products: {
          kinds: ['Frying Pan', 'Saucepan Set', "Chef's Knife", 'Dutch Oven', 'Wok'],
          brands: home,
          price: [15, 399],
          features: ['a non-stick coating', 'induction compatibility', 'a forged blade', 'an enamelled cast-iron body'],
        },
      },
      {
        name: 'Furniture',
        description: 'Chairs, desks and sofas',
        children: [
          {
            name: 'Chairs',
            description: 'Office and dining chairs',
            products: {
              kinds: ['Office Chair', 'Dining Chair', 'Armchair'],
              brands: home,
              price: [49, 899],
              features: ['lumbar support', 'a solid oak frame', 'breathable mesh', 'stackable design'],
            },
          },
          {
            name: 'Desks',
            description: 'Desks and tables',
            products: {
              kinds: ['Standing Desk', 'Writing Desk', 'Dining Table'],
              brands: home,
              price: [99, 1499],
              features: ['an electric height adjuster', 'cable management', 'a walnut veneer top', 'a steel frame'],
            },
          },
        ],
      },
      {
        name: 'Lighting',
        description: 'Lamps and bulbs',
        products: {
          kinds: ['Desk Lamp', 'Floor Lamp', 'Smart Bulb', 'Pendant Light'],
          brands: home,
          price: [12, 349],
          features: ['dimmable warm light', 'app control', 'a linen shade', 'a weighted base'],
        },
      },
    ],
  },
  {
    name: 'Fashion',
    description: 'Clothing, shoes and accessories',
    children: [
      {
        name: "Men's Clothing",
        description: 'Shirts, jackets and more',
        products: {
          kinds: ['Oxford Shirt', 'Rain Jacket', 'Wool Sweater', 'Chinos'],
          brands: wear,
          price: [19, 299],
          features: ['organic cotton', 'a water-repellent finish', 'merino wool', 'a relaxed fit'],
        },
      },
      {
        name: "Women's Clothing",
        description: 'Dresses, coats and more',
        products: {
          kinds: ['Wrap Dress', 'Trench Coat', 'Cashmere Cardigan', 'Linen Trousers'],
          brands: wear,
          price: [19, 399],
          features: ['a tailored fit', 'recycled fibres', 'hidden pockets', 'a soft brushed finish'],
        },
      },
      {
        name: 'Shoes',
        description: 'For running, walking and the office',
        children: [
          {
            name: 'Running Shoes',
            description: 'Road and trail',
            products: {
              kinds: ['Running Shoe', 'Trail Shoe', 'Racing Flat'],
              brands: wear,
              price: [49, 249],
              features: ['a carbon plate', 'a grippy outsole', 'responsive foam', 'a breathable upper'],
            },
          },
          {
            name: 'Boots',
            description: 'Hiking and city boots',
            products: {
              kinds: ['Hiking Boot', 'Chelsea Boot', 'Winter Boot'],
              brands: wear,
              price: [69, 349],
              features: ['a waterproof membrane', 'full-grain leather', 'a Vibram sole', 'warm lining'],
            },
          },
        ],
      },
      {
        name: 'Bags',
        description: 'Backpacks and luggage',
        products: {
          kinds: ['Backpack', 'Duffel Bag', 'Carry-On Suitcase', 'Tote Bag'],
          brands: wear,
          price: [25, 499],
          features: ['a padded laptop sleeve', 'spinner wheels', 'waxed canvas', 'a lifetime warranty'],
        },
      },
    ],
  },
  {
    name: 'Sports & Outdoors',
    description: 'Get outside',
    children: [
      {
        name: 'Cycling',
        description: 'Bikes and gear',
        products: {
          kinds: ['Road Bike', 'Bike Helmet', 'Bike Light', 'Cycling Jersey'],
          brands: wear,
          price: [19, 2999],
          features: ['a carbon frame', 'MIPS protection', '1000 lumens', 'a race fit'],
        },
      },
      {
        name: 'Camping',
        description: 'Tents and sleeping bags',
        products: {
          kinds: ['Tent', 'Sleeping Bag', 'Camping Stove', 'Headlamp'],
          brands: wear,
          price: [15, 699],
          features: ['a two-minute pitch', 'a -5 °C comfort rating', 'an ultralight build', 'USB recharging'],
        },
      },
      {
        name: 'Fitness',
        description: 'Train at home',
        products: {
          kinds: ['Yoga Mat', 'Adjustable Dumbbells', 'Resistance Bands', 'Rowing Machine'],
          brands: wear,
          price: [15, 1299],
          features: ['a non-slip surface', 'quick weight changes', 'a foldable frame', 'magnetic resistance'],
        },
      },
    ],
  },
  {
    name: 'Books',
    description: 'Fiction, non-fiction and for children',
    children: [
      {
        name: 'Fiction',
        description: 'Novels and short stories',
        products: {
          kinds: ['Novel', 'Short Story Collection', 'Thriller'],
          brands: ['Harbour Press', 'Quill', 'Lantern Books'],
          price: [6, 35],
          features: ['a hardback binding', 'an award-winning author', 'a new translation', 'illustrated chapters'],
        },
      },
      {
        name: 'Non-fiction',
        description: 'History, science and cooking',
        products: {
          kinds: ['History of Europe', 'Science Guide', 'Cookbook', 'Biography'],
          brands: ['Harbour Press', 'Quill', 'Lantern Books'],
          price: [8, 45],
          features: [
            'full-colour photographs',
            'an index of recipes',
            'footnotes and sources',
            'a foreword by the editor',
          ],
        },
      },
      {
        name: "Children's Books",
        description: 'Picture books and first readers',
        products: {
          kinds: ['Picture Book', 'First Reader', 'Activity Book'],
          brands: ['Harbour Press', 'Quill', 'Lantern Books'],
          price: [4, 25],
          features: ['board pages', 'stickers inside', 'read-aloud rhymes', 'bright illustrations'],
        },
      },
    ],
  },
  {
    name: 'Toys & Games',
    description: 'For every age',
    children: [
      {
        name: 'Board Games',
        description: 'Strategy, party and family games',
        products: {
          kinds: ['Strategy Game', 'Party Game', 'Family Board Game', 'Cooperative Game'],
          brands: ['Meeple Works', 'Dicey', 'Tabletop Co'],
          price: [12, 99],
          features: ['two to six players', '45-minute sessions', 'wooden pieces', 'a solo mode'],
        },
      },
      {
        name: 'Puzzles',
        description: 'Jigsaws and brain teasers',
        products: {
          kinds: ['Jigsaw Puzzle', 'Puzzle Box', '3D Puzzle'],
          brands: ['Meeple Works', 'Dicey', 'Tabletop Co'],
          price: [8, 79],
          features: ['1000 pieces', 'a poster guide', 'recycled board', 'a hidden compartment'],
        },
      },
    ],
  },
];

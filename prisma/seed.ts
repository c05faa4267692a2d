// `npm run db:seed`: puts the demo data into an empty database (npm start does this too).
import { getDb } from "../app/data/db.server";
import { hashPassword } from "../app/auth/password.server";
import { seedDemo } from "./demo/seed-demo";

const db = await getDb();
const { seeded } = await seedDemo(db, hashPassword, (message) => console.log(message));
console.log(seeded ? "Demo data seeded." : "The database already has data; nothing seeded.");
await db.$disconnect();

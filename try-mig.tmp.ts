import { connectionFromPglite, createPglite } from "/work/main/lib/db/connection";
import { migrate } from "/work/main/lib/db/migrate";
const t = Date.now();
const pg = createPglite();
console.log(await migrate(connectionFromPglite(pg).raw), Date.now() - t);
const d = await pg.dumpDataDir("none"); console.log(d.size, Date.now() - t);
await pg.close();
const t2 = Date.now();
const pg2 = createPglite(undefined, d); await pg2.waitReady; console.log("load", Date.now() - t2, (await pg2.query('select count(*) from "_clinic_migrations"')).rows);

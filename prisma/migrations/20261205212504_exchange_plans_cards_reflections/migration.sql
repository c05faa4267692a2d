-- AlterTable
ALTER TABLE "Board" ADD COLUMN "cardCode" TEXT;

-- CreateTable
CREATE TABLE "ExchangeShare" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "prototypeId" TEXT,
    "insightId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "sharedById" TEXT,
    "sharedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExchangeShare_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeShare_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeShare_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeShare_insightId_fkey" FOREIGN KEY ("insightId") REFERENCES "Insight" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExchangeComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shareId" TEXT NOT NULL,
    "localityId" TEXT,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "removedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExchangeComment_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "ExchangeShare" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExchangeCopy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shareId" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "prototypeId" TEXT,
    "challengeId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExchangeCopy_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "ExchangeShare" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeCopy_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExchangeCopy_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ExchangeCopy_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SessionPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "steps" TEXT NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SessionPlan_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BoardCard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "boardId" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "noteId" TEXT,
    "submissionKey" TEXT,
    "deviceHash" TEXT,
    "addressHash" TEXT,
    "moderatedById" TEXT,
    "moderatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BoardCard_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BoardCard_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Reflection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "localityId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "workshopId" TEXT,
    "theme" INTEGER,
    "body" TEXT NOT NULL,
    "sharedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Reflection_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Reflection_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Reflection_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "localityId" TEXT NOT NULL,
    "userId" TEXT,
    "displayName" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "organisation" TEXT NOT NULL DEFAULT '',
    "roleTitle" TEXT NOT NULL DEFAULT '',
    "brings" TEXT NOT NULL DEFAULT '',
    "bringsKinds" TEXT NOT NULL DEFAULT '',
    "caresAbout" TEXT NOT NULL DEFAULT '',
    "languages" TEXT NOT NULL DEFAULT 'en',
    "email" TEXT NOT NULL DEFAULT '',
    "emailVisibility" TEXT NOT NULL DEFAULT 'facilitators',
    "phone" TEXT NOT NULL DEFAULT '',
    "phoneVisibility" TEXT NOT NULL DEFAULT 'facilitators',
    "howToReach" TEXT NOT NULL DEFAULT '',
    "howToReachVisibility" TEXT NOT NULL DEFAULT 'facilitators',
    "servantRoles" TEXT NOT NULL DEFAULT '',
    "addedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Person_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("addedById", "brings", "bringsKinds", "caresAbout", "createdAt", "displayName", "email", "emailVisibility", "howToReach", "howToReachVisibility", "id", "languages", "localityId", "organisation", "phone", "phoneVisibility", "roleTitle", "sector", "updatedAt", "userId") SELECT "addedById", "brings", "bringsKinds", "caresAbout", "createdAt", "displayName", "email", "emailVisibility", "howToReach", "howToReachVisibility", "id", "languages", "localityId", "organisation", "phone", "phoneVisibility", "roleTitle", "sector", "updatedAt", "userId" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE INDEX "Person_localityId_idx" ON "Person"("localityId");
CREATE INDEX "Person_userId_idx" ON "Person"("userId");
CREATE TABLE "new_Workshop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "localityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "agenda" TEXT NOT NULL DEFAULT '',
    "languages" TEXT NOT NULL DEFAULT 'en',
    "interpreting" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "durationMinutes" INTEGER,
    "planRef" TEXT,
    "planSteps" TEXT NOT NULL DEFAULT '[]',
    "currentStep" INTEGER,
    "boardId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Workshop_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Workshop_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Workshop" ("agenda", "boardId", "createdAt", "createdById", "id", "interpreting", "languages", "localityId", "notes", "place", "startsAt", "title", "updatedAt") SELECT "agenda", "boardId", "createdAt", "createdById", "id", "interpreting", "languages", "localityId", "notes", "place", "startsAt", "title", "updatedAt" FROM "Workshop";
DROP TABLE "Workshop";
ALTER TABLE "new_Workshop" RENAME TO "Workshop";
CREATE UNIQUE INDEX "Workshop_boardId_key" ON "Workshop"("boardId");
CREATE INDEX "Workshop_localityId_startsAt_idx" ON "Workshop"("localityId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeShare_prototypeId_key" ON "ExchangeShare"("prototypeId");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeShare_insightId_key" ON "ExchangeShare"("insightId");

-- CreateIndex
CREATE INDEX "ExchangeShare_organisationId_sharedAt_idx" ON "ExchangeShare"("organisationId", "sharedAt");

-- CreateIndex
CREATE INDEX "ExchangeShare_localityId_idx" ON "ExchangeShare"("localityId");

-- CreateIndex
CREATE INDEX "ExchangeComment_shareId_createdAt_idx" ON "ExchangeComment"("shareId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeCopy_prototypeId_key" ON "ExchangeCopy"("prototypeId");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeCopy_challengeId_key" ON "ExchangeCopy"("challengeId");

-- CreateIndex
CREATE INDEX "ExchangeCopy_localityId_idx" ON "ExchangeCopy"("localityId");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeCopy_shareId_localityId_key" ON "ExchangeCopy"("shareId", "localityId");

-- CreateIndex
CREATE INDEX "SessionPlan_organisationId_stage_idx" ON "SessionPlan"("organisationId", "stage");

-- CreateIndex
CREATE INDEX "BoardCard_boardId_status_idx" ON "BoardCard"("boardId", "status");

-- CreateIndex
CREATE INDEX "BoardCard_localityId_idx" ON "BoardCard"("localityId");

-- CreateIndex
CREATE UNIQUE INDEX "BoardCard_boardId_submissionKey_key" ON "BoardCard"("boardId", "submissionKey");

-- CreateIndex
CREATE INDEX "Reflection_localityId_authorId_idx" ON "Reflection"("localityId", "authorId");

-- CreateIndex
CREATE INDEX "Reflection_workshopId_idx" ON "Reflection"("workshopId");

-- CreateIndex
CREATE UNIQUE INDEX "Board_cardCode_key" ON "Board"("cardCode");


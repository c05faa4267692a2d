-- CreateTable
CREATE TABLE "Tie" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "localityId" TEXT NOT NULL,
    "personAId" TEXT NOT NULL,
    "personBId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "strength" INTEGER NOT NULL DEFAULT 2,
    "since" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "introducedById" TEXT,
    "workshopId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'confirmed',
    "confirmedByA" BOOLEAN NOT NULL DEFAULT true,
    "confirmedByB" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Tie_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Tie_personAId_fkey" FOREIGN KEY ("personAId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Tie_personBId_fkey" FOREIGN KEY ("personBId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Tie_introducedById_fkey" FOREIGN KEY ("introducedById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Tie_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Workshop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "localityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "agenda" TEXT NOT NULL DEFAULT '',
    "languages" TEXT NOT NULL DEFAULT 'en',
    "interpreting" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "boardId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Workshop_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Workshop_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workshopId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attendance_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PurposeEndorsement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "localityId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PurposeEndorsement_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PurposeEndorsement_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PurposeEndorsement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Locality" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "currentStage" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "agreedPurposeVersionId" TEXT,
    CONSTRAINT "Locality_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Locality_agreedPurposeVersionId_fkey" FOREIGN KEY ("agreedPurposeVersionId") REFERENCES "DocumentVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Locality" ("createdAt", "currentStage", "description", "id", "name", "organisationId", "slug", "updatedAt") SELECT "createdAt", "currentStage", "description", "id", "name", "organisationId", "slug", "updatedAt" FROM "Locality";
DROP TABLE "Locality";
ALTER TABLE "new_Locality" RENAME TO "Locality";
CREATE UNIQUE INDEX "Locality_agreedPurposeVersionId_key" ON "Locality"("agreedPurposeVersionId");
CREATE UNIQUE INDEX "Locality_organisationId_slug_key" ON "Locality"("organisationId", "slug");
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
    "addedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Person_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("brings", "createdAt", "displayName", "id", "languages", "localityId", "organisation", "roleTitle", "sector", "updatedAt", "userId") SELECT "brings", "createdAt", "displayName", "id", "languages", "localityId", "organisation", "roleTitle", "sector", "updatedAt", "userId" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE INDEX "Person_localityId_idx" ON "Person"("localityId");
CREATE INDEX "Person_userId_idx" ON "Person"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Tie_localityId_createdAt_idx" ON "Tie"("localityId", "createdAt");

-- CreateIndex
CREATE INDEX "Tie_personBId_idx" ON "Tie"("personBId");

-- CreateIndex
CREATE UNIQUE INDEX "Tie_personAId_personBId_key" ON "Tie"("personAId", "personBId");

-- CreateIndex
CREATE UNIQUE INDEX "Workshop_boardId_key" ON "Workshop"("boardId");

-- CreateIndex
CREATE INDEX "Workshop_localityId_startsAt_idx" ON "Workshop"("localityId", "startsAt");

-- CreateIndex
CREATE INDEX "Attendance_personId_idx" ON "Attendance"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_workshopId_personId_key" ON "Attendance"("workshopId", "personId");

-- CreateIndex
CREATE INDEX "PurposeEndorsement_localityId_idx" ON "PurposeEndorsement"("localityId");

-- CreateIndex
CREATE UNIQUE INDEX "PurposeEndorsement_versionId_userId_key" ON "PurposeEndorsement"("versionId", "userId");


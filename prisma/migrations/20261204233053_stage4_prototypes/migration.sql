-- CreateTable
CREATE TABLE "PrototypePerson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "prototypeId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PrototypePerson_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PrototypePerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PrototypePartner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "prototypeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'deliver',
    "pledgeKind" TEXT NOT NULL,
    "pledge" TEXT NOT NULL,
    "amount" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PrototypePartner_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TestCycle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "prototypeId" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "believe" TEXT NOT NULL,
    "willResult" TEXT NOT NULL,
    "knowWhen" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "startsOn" DATETIME,
    "endsOn" DATETIME,
    "place" TEXT NOT NULL DEFAULT '',
    "languages" TEXT NOT NULL DEFAULT 'en',
    "interpreting" TEXT NOT NULL DEFAULT '',
    "learned" TEXT NOT NULL DEFAULT '',
    "costPence" INTEGER,
    "peopleReached" INTEGER,
    "decision" TEXT,
    "decisionReason" TEXT,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "feedbackCode" TEXT,
    "feedbackOpen" BOOLEAN NOT NULL DEFAULT false,
    "boardId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TestCycle_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CycleParticipant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "CycleParticipant_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "TestCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CycleParticipant_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CycleCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "CycleCount_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "TestCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CycleEvidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "mimeType" TEXT,
    "bytes" BLOB,
    "width" INTEGER,
    "height" INTEGER,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CycleEvidence_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "TestCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConfidenceRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "moment" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConfidenceRating_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "TestCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CycleAmendment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CycleAmendment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "TestCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "prototypeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "baseline" REAL,
    "target" REAL,
    "betterWhen" TEXT NOT NULL DEFAULT 'up',
    "minValue" REAL,
    "maxValue" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Measure_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeasureReading" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "measureId" TEXT NOT NULL,
    "cycleId" TEXT,
    "value" REAL NOT NULL,
    "takenOn" DATETIME NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeasureReading_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeasureReading_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "TestCycle" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "prompts" TEXT NOT NULL,
    CONSTRAINT "FeedbackQuestion_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "TestCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "face" INTEGER,
    "yes" BOOLEAN,
    "text" TEXT,
    "moderation" TEXT NOT NULL DEFAULT 'published',
    "submissionKey" TEXT NOT NULL,
    "deviceHash" TEXT,
    "addressHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FeedbackAnswer_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "TestCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FeedbackAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "FeedbackQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Prototype" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "localityId" TEXT NOT NULL,
    "ideaId" TEXT,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "forWhom" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'planned',
    "publicSummary" TEXT NOT NULL DEFAULT '',
    "planDocumentId" TEXT,
    "boardId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Prototype_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Prototype_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Prototype" ("createdAt", "createdById", "id", "ideaId", "localityId", "status", "title", "updatedAt") SELECT "createdAt", "createdById", "id", "ideaId", "localityId", "status", "title", "updatedAt" FROM "Prototype";
DROP TABLE "Prototype";
ALTER TABLE "new_Prototype" RENAME TO "Prototype";
CREATE UNIQUE INDEX "Prototype_ideaId_key" ON "Prototype"("ideaId");
CREATE UNIQUE INDEX "Prototype_planDocumentId_key" ON "Prototype"("planDocumentId");
CREATE UNIQUE INDEX "Prototype_boardId_key" ON "Prototype"("boardId");
CREATE INDEX "Prototype_localityId_createdAt_idx" ON "Prototype"("localityId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PrototypePerson_prototypeId_personId_role_key" ON "PrototypePerson"("prototypeId", "personId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "TestCycle_feedbackCode_key" ON "TestCycle"("feedbackCode");

-- CreateIndex
CREATE UNIQUE INDEX "TestCycle_boardId_key" ON "TestCycle"("boardId");

-- CreateIndex
CREATE INDEX "TestCycle_localityId_createdAt_idx" ON "TestCycle"("localityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TestCycle_prototypeId_number_key" ON "TestCycle"("prototypeId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CycleParticipant_cycleId_personId_role_key" ON "CycleParticipant"("cycleId", "personId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "ConfidenceRating_cycleId_userId_moment_key" ON "ConfidenceRating"("cycleId", "userId", "moment");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackQuestion_cycleId_position_key" ON "FeedbackQuestion"("cycleId", "position");

-- CreateIndex
CREATE INDEX "FeedbackAnswer_cycleId_createdAt_idx" ON "FeedbackAnswer"("cycleId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackAnswer_questionId_submissionKey_key" ON "FeedbackAnswer"("questionId", "submissionKey");


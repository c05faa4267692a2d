-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "servantRoles" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Workshop" ADD COLUMN     "currentStep" INTEGER,
ADD COLUMN     "durationMinutes" INTEGER,
ADD COLUMN     "planRef" TEXT,
ADD COLUMN     "planSteps" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "cardCode" TEXT;

-- CreateTable
CREATE TABLE "ExchangeShare" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "prototypeId" TEXT,
    "insightId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "sharedById" TEXT,
    "sharedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeComment" (
    "id" TEXT NOT NULL,
    "shareId" TEXT NOT NULL,
    "localityId" TEXT,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeCopy" (
    "id" TEXT NOT NULL,
    "shareId" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "prototypeId" TEXT,
    "challengeId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeCopy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionPlan" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "steps" TEXT NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SessionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardCard" (
    "id" TEXT NOT NULL,
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
    "moderatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reflection" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "workshopId" TEXT,
    "theme" INTEGER,
    "body" TEXT NOT NULL,
    "sharedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reflection_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "ExchangeShare" ADD CONSTRAINT "ExchangeShare_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeShare" ADD CONSTRAINT "ExchangeShare_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeShare" ADD CONSTRAINT "ExchangeShare_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeShare" ADD CONSTRAINT "ExchangeShare_insightId_fkey" FOREIGN KEY ("insightId") REFERENCES "Insight"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeComment" ADD CONSTRAINT "ExchangeComment_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "ExchangeShare"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeComment" ADD CONSTRAINT "ExchangeComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeCopy" ADD CONSTRAINT "ExchangeCopy_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "ExchangeShare"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeCopy" ADD CONSTRAINT "ExchangeCopy_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeCopy" ADD CONSTRAINT "ExchangeCopy_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeCopy" ADD CONSTRAINT "ExchangeCopy_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionPlan" ADD CONSTRAINT "SessionPlan_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardCard" ADD CONSTRAINT "BoardCard_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardCard" ADD CONSTRAINT "BoardCard_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop"("id") ON DELETE SET NULL ON UPDATE CASCADE;


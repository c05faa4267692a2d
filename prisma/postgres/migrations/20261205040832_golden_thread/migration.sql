-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "stalledAfterWeeks" INTEGER NOT NULL DEFAULT 6;

-- AlterTable
ALTER TABLE "Prototype" ADD COLUMN     "facet" TEXT;

-- CreateTable
CREATE TABLE "ThreadItem" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "underReview" BOOLEAN NOT NULL DEFAULT false,
    "reviewNote" TEXT NOT NULL DEFAULT '',
    "isExample" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "addedInVersion" INTEGER NOT NULL,
    "changedInVersion" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThreadItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreadVersion" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "changes" TEXT NOT NULL DEFAULT '[]',
    "snapshot" TEXT NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreadVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreadLink" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "itemKind" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "titleAtLink" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "prototypeId" TEXT,
    "challengeId" TEXT,
    "measureId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreadLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThreadItem_organisationId_kind_position_idx" ON "ThreadItem"("organisationId", "kind", "position");

-- CreateIndex
CREATE INDEX "ThreadItem_parentId_idx" ON "ThreadItem"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "ThreadVersion_organisationId_number_key" ON "ThreadVersion"("organisationId", "number");

-- CreateIndex
CREATE INDEX "ThreadLink_prototypeId_idx" ON "ThreadLink"("prototypeId");

-- CreateIndex
CREATE INDEX "ThreadLink_challengeId_idx" ON "ThreadLink"("challengeId");

-- CreateIndex
CREATE INDEX "ThreadLink_measureId_idx" ON "ThreadLink"("measureId");

-- CreateIndex
CREATE INDEX "ThreadLink_organisationId_itemId_idx" ON "ThreadLink"("organisationId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "ThreadLink_itemId_prototypeId_key" ON "ThreadLink"("itemId", "prototypeId");

-- CreateIndex
CREATE UNIQUE INDEX "ThreadLink_itemId_challengeId_key" ON "ThreadLink"("itemId", "challengeId");

-- CreateIndex
CREATE UNIQUE INDEX "ThreadLink_itemId_measureId_key" ON "ThreadLink"("itemId", "measureId");

-- AddForeignKey
ALTER TABLE "ThreadItem" ADD CONSTRAINT "ThreadItem_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadItem" ADD CONSTRAINT "ThreadItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "ThreadItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadVersion" ADD CONSTRAINT "ThreadVersion_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadLink" ADD CONSTRAINT "ThreadLink_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadLink" ADD CONSTRAINT "ThreadLink_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ThreadItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadLink" ADD CONSTRAINT "ThreadLink_prototypeId_fkey" FOREIGN KEY ("prototypeId") REFERENCES "Prototype"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadLink" ADD CONSTRAINT "ThreadLink_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadLink" ADD CONSTRAINT "ThreadLink_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "Locality" ADD COLUMN     "agreedPurposeVersionId" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "addedById" TEXT,
ADD COLUMN     "bringsKinds" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "caresAbout" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "email" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "emailVisibility" TEXT NOT NULL DEFAULT 'facilitators',
ADD COLUMN     "howToReach" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "howToReachVisibility" TEXT NOT NULL DEFAULT 'facilitators',
ADD COLUMN     "phone" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "phoneVisibility" TEXT NOT NULL DEFAULT 'facilitators';

-- CreateTable
CREATE TABLE "Tie" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "personAId" TEXT NOT NULL,
    "personBId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "strength" INTEGER NOT NULL DEFAULT 2,
    "since" TIMESTAMP(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "introducedById" TEXT,
    "workshopId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'confirmed',
    "confirmedByA" BOOLEAN NOT NULL DEFAULT true,
    "confirmedByB" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tie_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workshop" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "agenda" TEXT NOT NULL DEFAULT '',
    "languages" TEXT NOT NULL DEFAULT 'en',
    "interpreting" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "boardId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workshop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "workshopId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurposeEndorsement" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PurposeEndorsement_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "Locality_agreedPurposeVersionId_key" ON "Locality"("agreedPurposeVersionId");

-- CreateIndex
CREATE INDEX "Person_userId_idx" ON "Person"("userId");

-- AddForeignKey
ALTER TABLE "Locality" ADD CONSTRAINT "Locality_agreedPurposeVersionId_fkey" FOREIGN KEY ("agreedPurposeVersionId") REFERENCES "DocumentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tie" ADD CONSTRAINT "Tie_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tie" ADD CONSTRAINT "Tie_personAId_fkey" FOREIGN KEY ("personAId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tie" ADD CONSTRAINT "Tie_personBId_fkey" FOREIGN KEY ("personBId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tie" ADD CONSTRAINT "Tie_introducedById_fkey" FOREIGN KEY ("introducedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tie" ADD CONSTRAINT "Tie_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workshop" ADD CONSTRAINT "Workshop_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workshop" ADD CONSTRAINT "Workshop_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeEndorsement" ADD CONSTRAINT "PurposeEndorsement_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeEndorsement" ADD CONSTRAINT "PurposeEndorsement_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurposeEndorsement" ADD CONSTRAINT "PurposeEndorsement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


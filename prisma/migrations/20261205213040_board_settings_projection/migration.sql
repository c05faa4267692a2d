-- AlterTable
ALTER TABLE "BoardNoteProjection" ADD COLUMN "buildsOn" TEXT;

-- CreateTable
CREATE TABLE "BoardProjection" (
    "docName" TEXT NOT NULL PRIMARY KEY,
    "localityId" TEXT NOT NULL,
    "votingOpen" BOOLEAN NOT NULL DEFAULT false,
    "hideResults" BOOLEAN NOT NULL DEFAULT false,
    "silent" BOOLEAN NOT NULL DEFAULT false,
    "projectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "BoardProjection_localityId_idx" ON "BoardProjection"("localityId");


-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "silent" BOOLEAN NOT NULL DEFAULT false;

